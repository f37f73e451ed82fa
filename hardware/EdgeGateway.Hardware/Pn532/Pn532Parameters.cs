namespace EdgeGateway.Hardware.Pn532;

/// <summary>SetParameters flags (UM0701-02, section 7.2.9).</summary>
[Flags]
public enum Pn532Parameters : byte
{
    None = 0x00,
    UseNad = 0x01,
    UseDid = 0x02,
    AutomaticAtrRes = 0x04,
    AutomaticRats = 0x10,
    Iso14443Part4Picc = 0x20,
    RemovePrePostamble = 0x40,
}

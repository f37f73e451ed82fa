namespace EdgeGateway.Hardware.Pn532;

/// <summary>SAMConfiguration mode (UM0701-02, section 7.2.10). Without a SAM, Normal is the only useful one.</summary>
public enum Pn532SamMode : byte
{
    Normal = 0x01,
    VirtualCard = 0x02,
    WiredCard = 0x03,
    DualCard = 0x04,
}

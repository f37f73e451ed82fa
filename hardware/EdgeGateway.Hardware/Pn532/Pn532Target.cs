namespace EdgeGateway.Hardware.Pn532;

/// <summary>A 106 kbps type A target InListPassiveTarget found: logical number, ATQA (SENS_RES), SAK (SEL_RES), UID and ATS.</summary>
public sealed record Pn532Target(byte Number, ushort Atqa, byte Sak, byte[] Uid, byte[] Ats)
{
    public string UidHex => Convert.ToHexStringLower(Uid);
}

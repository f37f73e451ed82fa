namespace EdgeGateway.Hardware.Hci;

/// <summary>LE Meta event subevent codes the scanner consumes (Core spec, Vol 4, Part E, section 7.7.65).</summary>
public enum LeSubeventCode : byte
{
    AdvertisingReport = 0x02,
    ExtendedAdvertisingReport = 0x0D,
}

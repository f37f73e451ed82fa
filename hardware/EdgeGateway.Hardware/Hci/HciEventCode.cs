namespace EdgeGateway.Hardware.Hci;

/// <summary>Event codes the host understands (Core spec, Vol 4, Part E, section 7.7).</summary>
public enum HciEventCode : byte
{
    DisconnectionComplete = 0x05,
    EncryptionChange = 0x08,
    ReadRemoteVersionInformationComplete = 0x0C,
    CommandComplete = 0x0E,
    CommandStatus = 0x0F,
    HardwareError = 0x10,
    NumberOfCompletedPackets = 0x13,
    DataBufferOverflow = 0x1A,
    LeMeta = 0x3E,
    VendorSpecific = 0xFF,
}

namespace EdgeGateway.Hardware.Hci;

/// <summary>
/// Command opcodes (OGF &lt;&lt; 10 | OCF) the host sends (Bluetooth Core spec, Vol 4, Part E, section 7).
/// </summary>
public enum HciOpcode : ushort
{
    SetEventMask = 0x0C01,
    Reset = 0x0C03,
    ReadLocalVersionInformation = 0x1001,
    ReadBufferSize = 0x1005,
    ReadBdAddr = 0x1009,
    LeSetEventMask = 0x2001,
    LeReadBufferSize = 0x2002,
    LeReadLocalSupportedFeatures = 0x2003,
    LeSetAdvertisingParameters = 0x2006,
    LeReadAdvertisingPhysicalChannelTxPower = 0x2007,
    LeSetAdvertisingData = 0x2008,
    LeSetAdvertisingEnable = 0x200A,
    LeSetScanParameters = 0x200B,
    LeSetScanEnable = 0x200C,
    LeSetExtendedAdvertisingParameters = 0x2036,
    LeSetExtendedAdvertisingData = 0x2037,
    LeSetExtendedAdvertisingEnable = 0x2039,
    LeRemoveAdvertisingSet = 0x203C,
    LeSetExtendedScanParameters = 0x2041,
    LeSetExtendedScanEnable = 0x2042,
}

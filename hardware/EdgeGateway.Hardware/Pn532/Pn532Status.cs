namespace EdgeGateway.Hardware.Pn532;

/// <summary>
/// The error code in the low six bits of the status byte that InDataExchange, InCommunicateThru,
/// InRelease, InDeselect and the Tg* commands return (UM0701-02, section 7.1, table "Error code list").
/// </summary>
public enum Pn532Status : byte
{
    Success = 0x00,
    Timeout = 0x01,
    Crc = 0x02,
    Parity = 0x03,
    BitCount = 0x04,
    MifareFraming = 0x05,
    BitCollision = 0x06,
    BufferTooSmall = 0x07,
    RfBufferOverflow = 0x09,
    RfFieldNotSwitchedOn = 0x0A,
    RfProtocol = 0x0B,
    Temperature = 0x0D,
    InternalBufferOverflow = 0x0E,
    InvalidParameter = 0x10,
    DepUnsupportedCommand = 0x12,
    DataFormat = 0x13,
    Authentication = 0x14,
    UidCheckByte = 0x23,
    DepInvalidDeviceState = 0x25,
    OperationNotAllowed = 0x26,
    CommandNotAcceptable = 0x27,
    ReleasedByInitiator = 0x29,
    CardSwapped = 0x2A,
    CardGone = 0x2B,
    Nfcid3Mismatch = 0x2C,
    OverCurrent = 0x2D,
    NadMissing = 0x2E,
}

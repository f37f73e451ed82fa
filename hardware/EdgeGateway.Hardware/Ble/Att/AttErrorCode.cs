namespace EdgeGateway.Hardware.Ble.Att;

/// <summary>ATT Error Response codes (Core spec Vol 3, Part F, 3.4.1.1).</summary>
public enum AttErrorCode : byte
{
    InvalidHandle = 0x01,
    ReadNotPermitted = 0x02,
    WriteNotPermitted = 0x03,
    InvalidPdu = 0x04,
    InsufficientAuthentication = 0x05,
    RequestNotSupported = 0x06,
    InvalidOffset = 0x07,
    InsufficientAuthorization = 0x08,
    PrepareQueueFull = 0x09,
    AttributeNotFound = 0x0A,
    AttributeNotLong = 0x0B,
    EncryptionKeySizeTooShort = 0x0C,
    InvalidAttributeValueLength = 0x0D,
    UnlikelyError = 0x0E,
    InsufficientEncryption = 0x0F,
    UnsupportedGroupType = 0x10,
    InsufficientResources = 0x11,
    DatabaseOutOfSync = 0x12,
    ValueNotAllowed = 0x13,
}

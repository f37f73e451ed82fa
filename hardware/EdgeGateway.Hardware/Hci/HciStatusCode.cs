namespace EdgeGateway.Hardware.Hci;

/// <summary>Controller error codes (Core spec, Vol 1, Part F) the host is likely to meet.</summary>
public enum HciStatusCode : byte
{
    Success = 0x00,
    UnknownHciCommand = 0x01,
    UnknownConnectionIdentifier = 0x02,
    HardwareFailure = 0x03,
    PageTimeout = 0x04,
    AuthenticationFailure = 0x05,
    MemoryCapacityExceeded = 0x07,
    ConnectionTimeout = 0x08,
    CommandDisallowed = 0x0C,
    InvalidHciCommandParameters = 0x12,
    RemoteUserTerminatedConnection = 0x13,
    UnsupportedFeatureOrParameterValue = 0x11,
    UnspecifiedError = 0x1F,
    UnsupportedLmpParameterValue = 0x20,
    ControllerBusy = 0x3A,
    UnknownAdvertisingIdentifier = 0x42,
    LimitReached = 0x43,
}

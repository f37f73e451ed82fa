namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>Why the controller refused an advertising command, by name.</summary>
public enum AdvertiserError
{
    /// <summary>0x12 Invalid HCI Command Parameters: out-of-range interval, channel map, data length.</summary>
    InvalidParameters,

    /// <summary>0x0C Command Disallowed: e.g. parameters changed while enabled, or legacy and extended commands mixed.</summary>
    CommandDisallowed,

    /// <summary>0x01 Unknown HCI Command or 0x11 Unsupported Feature: the controller cannot advertise this way.</summary>
    Unsupported,

    /// <summary>0x07 Memory Capacity Exceeded or 0x43 Limit Reached: no room for another advertising set.</summary>
    NoResources,

    /// <summary>0x42 Unknown Advertising Identifier: the set handle does not exist.</summary>
    UnknownAdvertisingSet,

    /// <summary>The controller did not answer in time.</summary>
    Timeout,

    /// <summary>Any other status; see the inner <see cref="HciException"/>.</summary>
    ControllerError,

    /// <summary>The controller answered with fewer return parameters than the spec defines.</summary>
    MalformedResponse,
}

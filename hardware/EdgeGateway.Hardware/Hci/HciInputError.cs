namespace EdgeGateway.Hardware.Hci;

/// <summary>Kinds of bad input from the controller side, each counted separately.</summary>
public enum HciInputError
{
    /// <summary>A byte where a packet indicator should be that is not 0x01-0x05: the stream lost sync.</summary>
    UnknownPacketType,

    /// <summary>A length field larger than any packet the controller may send.</summary>
    OversizedPacket,

    /// <summary>The stream ended in the middle of a packet.</summary>
    TruncatedPacket,

    /// <summary>An event code (or LE subevent) the host does not know.</summary>
    UnknownEvent,

    /// <summary>An event whose parameters are shorter than its fixed layout.</summary>
    MalformedEvent,

    /// <summary>An advertising report whose counts or lengths overrun the event.</summary>
    MalformedAdvertisingReport,

    /// <summary>A Command Complete/Status for a command nobody is waiting for.</summary>
    UnexpectedCommandResponse,

    /// <summary>A packet type a scanner does not expect from the controller (ACL/SCO/ISO, or a command).</summary>
    UnexpectedPacket,

    /// <summary>The controller reported a hardware error event.</summary>
    HardwareError,
}

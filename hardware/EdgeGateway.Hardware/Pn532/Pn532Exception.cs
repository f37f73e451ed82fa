namespace EdgeGateway.Hardware.Pn532;

/// <summary>A PN532 exchange failed; <see cref="Error"/> (and <see cref="Status"/>) say precisely how.</summary>
public sealed class Pn532Exception : Exception
{
    public Pn532Exception()
    {
    }

    public Pn532Exception(string message)
        : base(message)
    {
    }

    public Pn532Exception(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Pn532Exception(Pn532Error error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    public Pn532Exception(Pn532Status status, Pn532CommandCode command)
        : base($"{command} failed: chip status 0x{(byte)status:X2} ({Describe(status)}).")
    {
        Error = Pn532Error.Status;
        Status = status;
    }

    public Pn532Error Error { get; } = Pn532Error.Transport;

    public Pn532Status? Status { get; }

    /// <summary>True when the tag (not the reader) is the problem: it left the field or did not answer.</summary>
    public bool IsTagGone => Status is Pn532Status.Timeout or Pn532Status.CardGone or Pn532Status.CardSwapped;

    public static string Describe(Pn532Status status) => status switch
    {
        Pn532Status.Timeout => "the target did not answer: tag removed or out of range",
        Pn532Status.Crc => "CRC error from the tag",
        Pn532Status.Parity => "parity error from the tag",
        Pn532Status.Authentication => "authentication failed or the tag refused the command (NAK)",
        Pn532Status.CardGone => "the card previously activated has disappeared",
        Pn532Status.CardSwapped => "a different card is in the field",
        Pn532Status.InvalidParameter => "invalid parameter",
        Pn532Status.DataFormat => "data format does not match the specification",
        Pn532Status.BufferTooSmall => "communication buffer too small",
        Pn532Status.CommandNotAcceptable => "command not acceptable in the current context",
        Pn532Status.ReleasedByInitiator => "released by the initiator",
        Pn532Status.OverCurrent => "over-current detected on the antenna driver",
        _ => status.ToString(),
    };
}

namespace EdgeGateway.Hardware.Hci.Connections;

/// <summary>A connection attempt that did not produce a link: timed out (the peer never answered) or refused by the controller.</summary>
public sealed class LeConnectionFailedException : Exception
{
    public LeConnectionFailedException()
    {
    }

    public LeConnectionFailedException(string message)
        : base(message)
    {
    }

    public LeConnectionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LeConnectionFailedException(string message, bool timedOut, byte status)
        : base(message)
    {
        TimedOut = timedOut;
        Status = status;
    }

    /// <summary>True when nobody answered within the timeout (the peer is most likely out of range).</summary>
    public bool TimedOut { get; }

    /// <summary>The HCI status of the Connection Complete event, 0 when it timed out.</summary>
    public byte Status { get; }
}

namespace EdgeGateway.Hardware.Hci.Connections;

/// <summary>The link went down while something was still waiting on it.</summary>
public sealed class LeDisconnectedException : Exception
{
    public LeDisconnectedException()
    {
    }

    public LeDisconnectedException(string message)
        : base(message)
    {
    }

    public LeDisconnectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LeDisconnectedException(string message, byte reason)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>The HCI reason code from Disconnection Complete (0x08 supervision timeout, 0x13 remote user terminated, ...).</summary>
    public byte Reason { get; }
}

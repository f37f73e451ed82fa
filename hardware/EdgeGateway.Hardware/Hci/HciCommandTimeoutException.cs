namespace EdgeGateway.Hardware.Hci;

/// <summary>The controller did not answer a command in time: a wedged or absent controller, or a wrong baud rate.</summary>
public sealed class HciCommandTimeoutException : TimeoutException
{
    public HciCommandTimeoutException()
    {
    }

    public HciCommandTimeoutException(string message)
        : base(message)
    {
    }

    public HciCommandTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HciCommandTimeoutException(ushort opcode, TimeSpan timeout)
        : base($"HCI command {HciNames.Opcode(opcode)} got no Command Complete/Status within {timeout.TotalMilliseconds:0} ms "
            + "(controller not answering: check the transport, the baud rate, or that nothing else owns the device)")
    {
        Opcode = opcode;
    }

    public ushort Opcode { get; }
}

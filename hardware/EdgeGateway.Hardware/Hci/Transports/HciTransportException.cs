namespace EdgeGateway.Hardware.Hci.Transports;

/// <summary>The radio's transport could not be opened or failed; the message says what to do about it.</summary>
public sealed class HciTransportException : IOException
{
    public HciTransportException()
    {
    }

    public HciTransportException(string message)
        : base(message)
    {
    }

    public HciTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HciTransportException(string message, int errno)
        : base(message)
    {
        Errno = errno;
    }

    /// <summary>The libc errno when the failure came from a system call, else 0.</summary>
    public int Errno { get; }
}

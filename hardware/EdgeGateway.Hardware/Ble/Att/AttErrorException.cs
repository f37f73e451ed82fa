using System.Globalization;

namespace EdgeGateway.Hardware.Ble.Att;

/// <summary>The server answered a request with an Error Response.</summary>
public sealed class AttErrorException : Exception
{
    public AttErrorException()
    {
    }

    public AttErrorException(string message)
        : base(message)
    {
    }

    public AttErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AttErrorException(AttOpcode request, ushort handle, AttErrorCode error)
        : base(string.Create(CultureInfo.InvariantCulture, $"{request} on handle 0x{handle:X4} failed: {error} (0x{(byte)error:X2})"))
    {
        Request = request;
        Handle = handle;
        Error = error;
    }

    public AttOpcode Request { get; }

    public ushort Handle { get; }

    public AttErrorCode Error { get; }
}

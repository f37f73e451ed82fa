namespace EdgeGateway.Hardware.Nfc.Ndef;

/// <summary>NDEF data on a tag is malformed; <see cref="Error"/> says which rule it breaks.</summary>
public sealed class NdefFormatException : Exception
{
    public NdefFormatException()
    {
    }

    public NdefFormatException(string message)
        : base(message)
    {
    }

    public NdefFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NdefFormatException(NdefError error, string message)
        : base(message)
    {
        Error = error;
    }

    public NdefError Error { get; } = NdefError.Payload;
}

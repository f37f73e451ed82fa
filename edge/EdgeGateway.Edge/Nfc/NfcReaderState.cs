namespace EdgeGateway.Edge.Nfc;

public enum NfcReaderState
{
    Starting,
    Ready,

    /// <summary>The reader is missing or silent; the service retries with backoff.</summary>
    Unavailable,
    Disabled,
}

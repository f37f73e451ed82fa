namespace EdgeGateway.Edge.Nfc;

/// <summary>The tag service's view of the reader, updated as it works and read by diagnostics at any time.</summary>
public sealed class NfcReaderHealth
{
    private readonly Lock _lock = new();
    private NfcReaderStatus _status = new(NfcReaderState.Starting, "", null, null, null, 0, 0, 0, 0, 0, 0, 0, null, null);

    public NfcReaderStatus Snapshot()
    {
        lock (_lock)
        {
            return _status;
        }
    }

    internal void Update(Func<NfcReaderStatus, NfcReaderStatus> change)
    {
        lock (_lock)
        {
            _status = change(_status);
        }
    }
}

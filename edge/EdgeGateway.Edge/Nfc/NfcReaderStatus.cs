namespace EdgeGateway.Edge.Nfc;

/// <summary>A consistent copy of the reader's health for diagnostics and status reports.</summary>
public sealed record NfcReaderStatus(
    NfcReaderState State,
    string Transport,
    string? Firmware,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    long Reconnects,
    long Taps,
    long TagErrors,
    long NdefErrors,
    long WritesSucceeded,
    long WritesFailed,
    long OutboxErrors,
    string? LastUid,
    DateTimeOffset? LastTapAt);

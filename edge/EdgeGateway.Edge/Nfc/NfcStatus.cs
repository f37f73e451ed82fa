using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Edge.Nfc;

/// <summary>The "nfc" part of /api/status: the reader's state (lower-case), counters, recent taps and the codes shown.</summary>
public sealed record NfcStatus(
    string State,
    string? Detail,
    string? Firmware,
    string Transport,
    long Reads,
    long Reconnects,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    long WritesSucceeded,
    long WritesFailed,
    IReadOnlyList<TagReadItem> RecentTaps,
    IReadOnlyList<NfcShownCode> ShownCodes);

namespace EdgeGateway.Edge.Outbox;

/// <summary>The "outbox" part of /api/status; Mode is "disk" or "memory" (the alarm), Shed is per stream.</summary>
public sealed record OutboxStatus(
    long Backlog,
    long BacklogBytes,
    long InFlight,
    IReadOnlyDictionary<string, long> Shed,
    long Rejected,
    string Mode,
    string? LastStorageError,
    string? CorruptFileMovedTo,
    string? NumberingResumed,
    long ReservationFailures,
    long Retained,
    long Resent,
    DateTimeOffset? LastSync);

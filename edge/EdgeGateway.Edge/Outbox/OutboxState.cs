namespace EdgeGateway.Edge.Outbox;

/// <summary>What diagnostics and the birth message show about the outbox.</summary>
public sealed record OutboxState
{
    public required long Backlog { get; init; }

    public required long BacklogBytes { get; init; }

    public required long InFlight { get; init; }

    /// <summary>Items shed by the full policy or the age limit since the database was created, per stream.</summary>
    public required IReadOnlyDictionary<string, long> Shed { get; init; }

    /// <summary>Bad appends refused (invalid stream name or item JSON).</summary>
    public required long Rejected { get; init; }

    /// <summary>True while the disk cannot be written and items are held in memory (alarm).</summary>
    public required bool MemoryOnly { get; init; }

    public string? LastStorageError { get; init; }

    /// <summary>Where a corrupt database file was moved at start, when that happened.</summary>
    public string? CorruptFileMovedTo { get; init; }

    /// <summary>How numbering continued after the database's history was lost (moved aside or deleted), when that happened.</summary>
    public string? NumberingResumed { get; init; }

    /// <summary>Times the sequence reservation file could not be written.</summary>
    public long ReservationFailures { get; init; }
}

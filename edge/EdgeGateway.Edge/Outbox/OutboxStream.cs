namespace EdgeGateway.Edge.Outbox;

/// <summary>
/// In-memory bookkeeping of one stream: the next sequence number, how far it is acknowledged and
/// sent, counts, and the rows held in memory while the disk cannot be written. Guarded by the outbox's lock.
/// </summary>
internal sealed class OutboxStream(string name, string collection)
{
    public string Name { get; } = name;

    /// <summary>LiteDB collection holding the rows, keyed by sequence number.</summary>
    public string Collection { get; } = collection;

    public long NextSeq { get; set; } = 1;

    /// <summary>
    /// Everything at or below this is acknowledged (kept on disk for <see cref="OutboxOptions.RetainAcknowledged"/>,
    /// then deleted). While a <see cref="Replay"/> runs, rows above it up to the replay's end are pending again.
    /// </summary>
    public long AckedThrough { get; set; }

    /// <summary>
    /// A resend of acknowledged rows in progress: rows (AckedThrough, At] are pending again, (At, To] stay acknowledged,
    /// and once the replay reaches At the cursor continues after To. Null when no resend is running.
    /// </summary>
    public (long At, long To)? Replay { get; set; }

    /// <summary>Which in-flight generation this stream's batches belong to; a reconnect or a resend starts a new one.</summary>
    public long Generation { get; set; }

    /// <summary>
    /// When acknowledgements happened, coarsely: (highest seq acknowledged in a time slot, slot number), ascending.
    /// Retention purges through the last mark whose slot ended before now minus the retention; a few dozen at most.
    /// </summary>
    public List<(long Seq, long Slot)> AckMarks { get; } = [];

    /// <summary>Acknowledged rows still on disk (retention), and their JSON bytes.</summary>
    public long RetainedCount { get; set; }

    public long RetainedBytes { get; set; }

    /// <summary>The AckedThrough last written to the streams document (so maintenance writes it only when it moved).</summary>
    public long SavedAcked { get; set; } = long.MinValue;

    /// <summary>Acknowledged rows at or below this are gone from disk (also from a partly acknowledged chunk).</summary>
    public long TrimmedThrough { get; set; }

    /// <summary>Everything at or below this is acknowledged or in flight.</summary>
    public long SentThrough { get; set; }

    public long Count { get; set; }

    public long Bytes { get; set; }

    public long InFlight { get; set; }

    public long Shed { get; set; }

    /// <summary>
    /// The last chunk read from disk, decoded: a chunk holds more rows than a batch, so the next batches
    /// come from here instead of reading and decoding the same document again. Cleared whenever chunks are rewritten.
    /// </summary>
    public List<OutboxRow>? ReadCache { get; set; }

    /// <summary>
    /// Rows accepted while the disk failed, in sequence order. The first of them can also be on disk: rows whose
    /// commit returned but whose checkpoint failed may or may not have reached the file, so they are kept here too,
    /// and dropped from here once the file shows them (reads skip them already: disk rows come first).
    /// </summary>
    public List<OutboxRow> Memory { get; } = [];

    /// <summary>The highest sequence number the file held when it was last loaded.</summary>
    public long DiskThrough { get; set; }

    public bool HasPending => Count - InFlight > 0;
}

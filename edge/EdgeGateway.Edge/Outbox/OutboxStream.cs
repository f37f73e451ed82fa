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

    /// <summary>Everything at or below this is acknowledged (deleted).</summary>
    public long AckedThrough { get; set; }

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

    /// <summary>Rows accepted while the disk failed, in sequence order, all above the rows on disk.</summary>
    public List<OutboxRow> Memory { get; } = [];

    public bool HasPending => Count - InFlight > 0;
}

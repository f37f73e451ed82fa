namespace EdgeGateway.Edge.Outbox;

/// <summary>
/// Consecutive items of one stream taken for one publish (sequence numbers FirstSeq..LastSeq without a
/// hole). It stays in flight until <see cref="LiteDbOutbox.Acknowledge"/> or a reconnect.
/// </summary>
public sealed record OutboxBatch(string Stream, IReadOnlyList<OutboxRow> Rows, long Bytes)
{
    /// <summary>Which in-flight generation took it; a reconnect starts a new one and older acks are ignored.</summary>
    public required long Generation { get; init; }

    public long FirstSeq => Rows[0].Seq;

    public long LastSeq => Rows[^1].Seq;
}

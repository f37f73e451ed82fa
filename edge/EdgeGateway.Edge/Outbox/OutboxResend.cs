using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Edge.Outbox;

/// <summary>
/// What <see cref="LiteDbOutbox.Resend"/> did with a requested range of one stream. Ranges are inclusive and ascending.
/// </summary>
/// <param name="Resent">Acknowledged items still on disk, pending again (sent in order, before newer items).</param>
/// <param name="Gone">Items that will never come back: deleted after their retention, shed by the full policy or the age limit.</param>
/// <param name="Pending">Items not acknowledged yet: already queued, nothing to do.</param>
/// <param name="NotAppended">Numbers above the highest ever appended: they do not exist (yet).</param>
public sealed record OutboxResend(
    string Stream,
    IReadOnlyList<SeqRange> Resent,
    IReadOnlyList<SeqRange> Gone,
    SeqRange? Pending,
    SeqRange? NotAppended)
{
    public long ResentItems => Resent.Sum(r => r.Count);
}

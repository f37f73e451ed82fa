using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Protocol.Commands;

/// <summary>The `result` of an `outbox.resend` command: what is coming again and what will never come.</summary>
public sealed record OutboxResendResult
{
    public required string Stream { get; init; }

    /// <summary>Ranges queued again; they follow on `up/{stream}` with their original sequence numbers.</summary>
    public required IReadOnlyList<SeqRange> Resent { get; init; }

    /// <summary>Ranges gone for good: past the gateway's retention of acknowledged items, or shed by its full policy.</summary>
    public required IReadOnlyList<SeqRange> Gone { get; init; }

    /// <summary>Not acknowledged by the broker yet: still queued, nothing was done.</summary>
    public SeqRange? Pending { get; init; }

    /// <summary>Above the highest sequence number the gateway ever appended to this stream.</summary>
    public SeqRange? NotAppended { get; init; }
}

namespace EdgeGateway.CloudBridge.Store;

/// <summary>
/// A (gateway, stream) that is missing items: open gaps below its high-water mark, or a tail (the gateway's last
/// birth said it had appended up to <see cref="LastSeq"/>, above the high-water mark).
/// </summary>
public sealed record RepairCandidate(string GatewayId, string Stream, long HighWater, IReadOnlyList<(long From, long To)> Gaps, long? LastSeq)
{
    /// <summary>The first and last missing sequence numbers (gaps and tail together).</summary>
    public (long From, long To) Span
    {
        get
        {
            var tail = LastSeq > HighWater;
            var from = Gaps.Count > 0 ? Gaps[0].From : HighWater + 1;
            var to = tail ? LastSeq!.Value : Gaps[^1].To;
            return (from, to);
        }
    }

    /// <summary>Missing items, tail included.</summary>
    public long Missing => Gaps.Sum(g => g.To - g.From + 1) + Math.Max(0, (LastSeq ?? 0) - HighWater);

    /// <summary>True when anything is missing.</summary>
    public bool IsOpen => Gaps.Count > 0 || LastSeq > HighWater;
}

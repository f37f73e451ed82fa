using System.Globalization;
using System.Text;

namespace EdgeGateway.CloudBridge.Store;

/// <summary>
/// The dedup and gap state of one (gatewayId, stream): the highest ITEM sequence number seen and the
/// ranges below it never received. The gateway numbers items, not envelopes (item i of an envelope is
/// seq + i), so dedup is per item: a number is new exactly when it is above the high-water mark or inside a gap. The
/// state stays O(open gaps) however long the stream runs, and it is read and written in the same transaction as the items it guards.
/// </summary>
public sealed class StreamSequence
{
    private readonly List<(long From, long To)> _gaps;

    public StreamSequence(long highWater, IEnumerable<(long From, long To)> gaps)
    {
        HighWater = highWater;
        _gaps = [.. gaps];
    }

    public long HighWater { get; private set; }

    public IReadOnlyList<(long From, long To)> Gaps => _gaps;

    /// <summary>Sequence numbers below the high-water mark that have not arrived.</summary>
    public long Missing => _gaps.Sum(g => g.To - g.From + 1);

    /// <summary>
    /// Records the item range [<paramref name="first"/>, <paramref name="last"/>] (one envelope) and returns the
    /// parts of it that had never been received, ascending: empty for a pure redelivery, the tail for a resend cut
    /// into different batches, the filled part of a gap for a late envelope. Everything else is a duplicate.
    /// </summary>
    public IReadOnlyList<(long From, long To)> Accept(long first, long last)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);
        var fresh = new List<(long From, long To)>();
        var below = Math.Min(last, HighWater);
        if (first <= below)
        {
            // Gaps are sorted and disjoint: each one overlapping the range loses the overlap, leaving up to two pieces.
            var remaining = new List<(long From, long To)>(_gaps.Count + 1);
            foreach (var (from, to) in _gaps)
            {
                var overlapFrom = Math.Max(from, first);
                var overlapTo = Math.Min(to, below);
                if (overlapFrom > overlapTo)
                {
                    remaining.Add((from, to));
                    continue;
                }

                fresh.Add((overlapFrom, overlapTo));
                if (from < overlapFrom)
                {
                    remaining.Add((from, overlapFrom - 1));
                }

                if (overlapTo < to)
                {
                    remaining.Add((overlapTo + 1, to));
                }
            }

            _gaps.Clear();
            _gaps.AddRange(remaining);
        }

        if (last > HighWater)
        {
            var newFrom = Math.Max(first, HighWater + 1);
            if (newFrom > HighWater + 1)
            {
                _gaps.Add((HighWater + 1, newFrom - 1));
            }

            fresh.Add((newFrom, last));
            HighWater = last;
        }

        return fresh;
    }

    /// <summary>Gaps as `from-to,from-to` (empty when none): compact, readable in the API and storable in one column.</summary>
    public string FormatGaps()
    {
        var text = new StringBuilder();
        foreach (var (from, to) in _gaps)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(CultureInfo.InvariantCulture, $"{from}-{to}");
        }

        return text.ToString();
    }

    public static StreamSequence Parse(long highWater, string? gaps)
    {
        var list = new List<(long, long)>();
        if (!string.IsNullOrEmpty(gaps))
        {
            foreach (var part in gaps.Split(','))
            {
                var dash = part.IndexOf('-', StringComparison.Ordinal);
                list.Add((long.Parse(part.AsSpan(0, dash), CultureInfo.InvariantCulture),
                    long.Parse(part.AsSpan(dash + 1), CultureInfo.InvariantCulture)));
            }
        }

        return new StreamSequence(highWater, list);
    }
}

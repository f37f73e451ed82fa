using System.Globalization;
using System.Text;

namespace EdgeGateway.CloudBridge.Store;

/// <summary>
/// The dedup and gap state of one (gatewayId, stream): the highest sequence number seen and the
/// ranges below it never received. A sequence number is new exactly when it is above the high-water
/// mark or inside a gap, so the state stays O(open gaps) however long the stream runs, and it is read
/// and written in the same transaction as the items it guards.
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

    /// <summary>Records <paramref name="seq"/>; false when it was already received (a redelivery).</summary>
    public bool TryAccept(long seq, out SequenceChange change)
    {
        if (seq > HighWater)
        {
            change = seq > HighWater + 1 ? SequenceChange.GapOpened : SequenceChange.InOrder;
            if (seq > HighWater + 1)
            {
                _gaps.Add((HighWater + 1, seq - 1));
            }

            HighWater = seq;
            return true;
        }

        var index = _gaps.FindIndex(g => g.From <= seq && seq <= g.To);
        if (index < 0)
        {
            change = SequenceChange.None;
            return false;
        }

        var (from, to) = _gaps[index];
        _gaps.RemoveAt(index);
        if (seq < to)
        {
            _gaps.Insert(index, (seq + 1, to));
        }

        if (seq > from)
        {
            _gaps.Insert(index, (from, seq - 1));
        }

        change = from == to ? SequenceChange.GapClosed : SequenceChange.GapNarrowed;
        return true;
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

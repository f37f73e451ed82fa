namespace EdgeGateway.Protocol.Streams;

/// <summary>An inclusive range of per-stream sequence numbers, `{"from":n,"to":m}` on the wire.</summary>
public readonly record struct SeqRange(long From, long To)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public long Count => To - From + 1;

    /// <summary>Consecutive numbers (ascending) folded into ranges.</summary>
    public static List<SeqRange> Fold(IEnumerable<long> ascending)
    {
        ArgumentNullException.ThrowIfNull(ascending);
        var ranges = new List<SeqRange>();
        foreach (var seq in ascending)
        {
            if (ranges.Count > 0 && ranges[^1].To + 1 == seq)
            {
                ranges[^1] = ranges[^1] with { To = seq };
            }
            else
            {
                ranges.Add(new SeqRange(seq, seq));
            }
        }

        return ranges;
    }

    /// <summary>The parts of [<paramref name="from"/>, <paramref name="to"/>] not covered by <paramref name="present"/> (ascending, disjoint).</summary>
    public static List<SeqRange> Complement(long from, long to, IReadOnlyList<SeqRange> present)
    {
        ArgumentNullException.ThrowIfNull(present);
        var missing = new List<SeqRange>();
        var next = from;
        foreach (var range in present)
        {
            if (range.From > next)
            {
                missing.Add(new SeqRange(next, Math.Min(range.From - 1, to)));
            }

            next = Math.Max(next, range.To + 1);
            if (next > to)
            {
                break;
            }
        }

        if (next <= to)
        {
            missing.Add(new SeqRange(next, to));
        }

        return missing;
    }
}

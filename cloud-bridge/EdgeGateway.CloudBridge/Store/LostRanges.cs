using System.Globalization;

namespace EdgeGateway.CloudBridge.Store;

/// <summary>
/// The `lost` column of a stream: item ranges the gateway said it no longer has (`from-to,...`, ascending, merged),
/// so the cloud knows exactly what never arrived. Only the newest <see cref="MaxRanges"/> ranges are kept in the
/// text; `lost_items` keeps the full count.
/// </summary>
public static class LostRanges
{
    public const int MaxRanges = 100;

    public static string Merge(string? existing, IEnumerable<(long From, long To)> added)
    {
        ArgumentNullException.ThrowIfNull(added);
        var all = StreamSequence.Parse(0, existing).Gaps.Concat(added).OrderBy(r => r.From).ToList();
        var merged = new List<(long From, long To)>(all.Count);
        foreach (var range in all)
        {
            if (merged.Count > 0 && range.From <= merged[^1].To + 1)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, range.To));
            }
            else
            {
                merged.Add(range);
            }
        }

        return string.Join(',', merged.Skip(Math.Max(0, merged.Count - MaxRanges))
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.From}-{r.To}")));
    }
}

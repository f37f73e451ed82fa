using System.Globalization;

namespace EdgeGateway.CloudBridge.Api;

/// <summary>
/// Evaluates a <see cref="ListQuery"/> over records in memory: what the embedded store uses, with the
/// same semantics as the SQL the PostgreSQL store generates (nulls never match a filter, nulls sort last).
/// </summary>
internal static class InMemoryQuery
{
    public static FleetPage Apply(IEnumerable<IReadOnlyDictionary<string, object?>> records, ResourceSchema schema, ListQuery query)
    {
        var searchable = schema.Fields.Where(f => f.Searchable).Select(f => f.Name).ToList();
        var matching = records.Where(r => Matches(r, query, searchable)).ToList();
        IEnumerable<IReadOnlyDictionary<string, object?>> ordered = matching;
        IOrderedEnumerable<IReadOnlyDictionary<string, object?>>? sorted = null;
        foreach (var order in query.Ordering.Append(new ListOrder(ResourceField.Integer("id"), Descending: false)))
        {
            var comparer = new NullsLast(order.Descending);
            sorted = sorted is null
                ? matching.OrderBy(r => Value(r, order.Field.Name), comparer)
                : sorted.ThenBy(r => Value(r, order.Field.Name), comparer);
        }

        ordered = sorted ?? ordered;
        return new FleetPage(matching.Count, ordered.Skip(query.Offset).Take(query.Limit).ToList());
    }

    private static object? Value(IReadOnlyDictionary<string, object?> record, string name) =>
        record.TryGetValue(name, out var value) ? value : null;

    private static bool Matches(IReadOnlyDictionary<string, object?> record, ListQuery query, List<string> searchable)
    {
        foreach (var filter in query.Filters)
        {
            var value = Value(record, filter.Field.Name);
            if (value is null)
            {
                return false;
            }

            var ok = filter.Operator switch
            {
                FilterOperator.IContains => Text(value).Contains((string)filter.Value, StringComparison.OrdinalIgnoreCase),
                FilterOperator.Exact => Compare(value, filter.Value) == 0,
                FilterOperator.Lt => Compare(value, filter.Value) < 0,
                FilterOperator.Gt => Compare(value, filter.Value) > 0,
                FilterOperator.Lte => Compare(value, filter.Value) <= 0,
                FilterOperator.Gte => Compare(value, filter.Value) >= 0,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return query.Search is not { } search
            || searchable.Any(name => Value(record, name) is { } v && Text(v).Contains(search, StringComparison.OrdinalIgnoreCase));
    }

    private static string Text(object value) => value as string ?? System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    public static int Compare(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        (string x, string y) => string.CompareOrdinal(x, y),
        (bool x, bool y) => x.CompareTo(y),
        (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
        (DateTime x, DateTimeOffset y) => new DateTimeOffset(x, TimeSpan.Zero).CompareTo(y),
        _ when IsNumber(a) && IsNumber(b) => System.Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(System.Convert.ToDouble(b, CultureInfo.InvariantCulture)),
        _ => string.CompareOrdinal(Text(a), Text(b)),
    };

    private static bool IsNumber(object value) => value is int or long or double or float or decimal;

    private sealed class NullsLast(bool descending) : IComparer<object?>
    {
        public int Compare(object? x, object? y)
        {
            if (x is null || y is null)
            {
                return InMemoryQuery.Compare(x, y);
            }

            var result = InMemoryQuery.Compare(x, y);
            return descending ? -result : result;
        }
    }
}

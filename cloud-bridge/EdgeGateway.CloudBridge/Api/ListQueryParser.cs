using System.Globalization;

namespace EdgeGateway.CloudBridge.Api;

/// <summary>
/// Reads the seed API's query conventions: `field=value` (exact), `field__op=value` for icontains / lt /
/// gt / lte / gte, `search`, `ordering=a,-b`, and `limit` / `offset` pages. Values may be quoted with
/// single quotes as in the seed's examples (`?name='test'`). Anything unknown is a 400 naming it.
/// </summary>
internal static class ListQueryParser
{
    private static readonly Dictionary<string, FilterOperator> Suffixes = new(StringComparer.Ordinal)
    {
        ["exact"] = FilterOperator.Exact,
        ["icontains"] = FilterOperator.IContains,
        ["lt"] = FilterOperator.Lt,
        ["gt"] = FilterOperator.Gt,
        ["lte"] = FilterOperator.Lte,
        ["gte"] = FilterOperator.Gte,
    };

    public static (ListQuery? Query, string? Error) Parse(
        ResourceSchema schema, IEnumerable<KeyValuePair<string, string>> parameters, int defaultLimit, int maxLimit)
    {
        var filters = new List<ListFilter>();
        string? search = null;
        string ordering = schema.DefaultOrdering;
        var limit = defaultLimit;
        var offset = 0;
        foreach (var (key, rawValue) in parameters)
        {
            var value = Unquote(rawValue);
            switch (key)
            {
                case "search":
                    search = value.Length == 0 ? null : value;
                    continue;
                case "ordering":
                    ordering = value;
                    continue;
                case "limit":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > maxLimit)
                    {
                        return (null, $"limit: '{value}' is not a whole number between 1 and {maxLimit}");
                    }

                    continue;
                case "offset":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
                    {
                        return (null, $"offset: '{value}' is not a whole number of 0 or more");
                    }

                    continue;
            }

            var (filter, error) = Filter(schema, key, value);
            if (error is not null)
            {
                return (null, error);
            }

            filters.Add(filter!);
        }

        var (orders, orderError) = Ordering(schema, ordering);
        return orderError is not null
            ? (null, orderError)
            : (new ListQuery(filters, search, orders!, limit, offset), null);
    }

    private static (ListFilter? Filter, string? Error) Filter(ResourceSchema schema, string key, string value)
    {
        var name = key;
        var op = FilterOperator.Exact;
        var split = key.LastIndexOf("__", StringComparison.Ordinal);
        if (split > 0 && Suffixes.TryGetValue(key[(split + 2)..], out var suffixOp))
        {
            name = key[..split];
            op = suffixOp;
        }

        if (!schema.ByName.TryGetValue(name, out var field))
        {
            return (null, $"{key}: unknown filter; {schema.Name} can be filtered on {string.Join(", ", schema.Fields.Select(f => f.Name))}");
        }

        if (!field.Operators.Contains(op))
        {
            var allowed = string.Join(", ", field.Operators.Select(o => o.ToString().ToLowerInvariant()));
            return (null, $"{key}: {name} does not support {op.ToString().ToLowerInvariant()} (supported: {allowed})");
        }

        if (op == FilterOperator.IContains)
        {
            return (new ListFilter(field, op, value), null);
        }

        var typed = Convert(field.Kind, value);
        return typed is null
            ? (null, $"{key}: '{value}' is not {Describe(field.Kind)}")
            : (new ListFilter(field, op, typed), null);
    }

    /// <summary>Converts a query value to the field's CLR type (string, long, double, DateTimeOffset, bool); null when it does not parse.</summary>
    public static object? Convert(FieldKind kind, string value) => kind switch
    {
        FieldKind.Text => value,
        FieldKind.Integer => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null,
        FieldKind.Real => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null,
        FieldKind.Time => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : null,
        FieldKind.Boolean => value.ToUpperInvariant() switch
        {
            "TRUE" or "1" => true,
            "FALSE" or "0" => false,
            _ => null,
        },
        _ => null,
    };

    private static string Describe(FieldKind kind) => kind switch
    {
        FieldKind.Integer => "a whole number",
        FieldKind.Real => "a number",
        FieldKind.Time => "a timestamp (ISO 8601, e.g. 2026-01-31T12:00:00Z)",
        FieldKind.Boolean => "true or false",
        _ => "text",
    };

    private static (IReadOnlyList<ListOrder>? Orders, string? Error) Ordering(ResourceSchema schema, string ordering)
    {
        var orders = new List<ListOrder>();
        foreach (var part in ordering.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var descending = part.StartsWith('-');
            var name = descending ? part[1..] : part;
            if (!schema.ByName.TryGetValue(name, out var field) || !field.Orderable)
            {
                return (null, $"ordering: unknown field '{name}'; {schema.Name} can be ordered by {string.Join(", ", schema.Fields.Where(f => f.Orderable).Select(f => f.Name))}");
            }

            orders.Add(new ListOrder(field, descending));
        }

        return (orders, null);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1] : value;
}

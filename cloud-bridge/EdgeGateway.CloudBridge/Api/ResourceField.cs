namespace EdgeGateway.CloudBridge.Api;

/// <summary>One field of a fleet resource: its JSON name (also the column / document key), type and what the API allows on it.</summary>
public sealed record ResourceField(
    string Name,
    FieldKind Kind,
    IReadOnlySet<FilterOperator> Operators,
    bool Searchable,
    bool Orderable)
{
    private static readonly IReadOnlySet<FilterOperator> TextOps = new HashSet<FilterOperator> { FilterOperator.Exact, FilterOperator.IContains };
    private static readonly IReadOnlySet<FilterOperator> RangeOps = new HashSet<FilterOperator>
        { FilterOperator.Exact, FilterOperator.Lt, FilterOperator.Gt, FilterOperator.Lte, FilterOperator.Gte };
    private static readonly IReadOnlySet<FilterOperator> ExactOnly = new HashSet<FilterOperator> { FilterOperator.Exact };

    public static ResourceField Text(string name, bool search = false) => new(name, FieldKind.Text, TextOps, search, Orderable: true);

    /// <summary>A text field matched exactly only (states, kinds).</summary>
    public static ResourceField Code(string name, bool search = false) => new(name, FieldKind.Text, ExactOnly, search, Orderable: true);

    public static ResourceField Integer(string name) => new(name, FieldKind.Integer, RangeOps, Searchable: false, Orderable: true);

    public static ResourceField Real(string name) => new(name, FieldKind.Real, RangeOps, Searchable: false, Orderable: true);

    public static ResourceField Time(string name) => new(name, FieldKind.Time, RangeOps, Searchable: false, Orderable: true);

    public static ResourceField Boolean(string name) => new(name, FieldKind.Boolean, ExactOnly, Searchable: false, Orderable: true);
}

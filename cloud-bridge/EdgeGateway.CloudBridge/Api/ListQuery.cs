namespace EdgeGateway.CloudBridge.Api;

/// <summary>A validated list request: filters (ANDed), free-text search, ordering and a page window.</summary>
public sealed record ListQuery(
    IReadOnlyList<ListFilter> Filters,
    string? Search,
    IReadOnlyList<ListOrder> Ordering,
    int Limit,
    int Offset);

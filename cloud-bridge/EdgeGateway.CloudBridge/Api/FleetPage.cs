namespace EdgeGateway.CloudBridge.Api;

/// <summary>One page of records and the total matching the filters.</summary>
public sealed record FleetPage(long Count, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows);

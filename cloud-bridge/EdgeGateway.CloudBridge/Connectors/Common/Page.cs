namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>One page of a platform's list and the link to the next one (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, Uri? Next);

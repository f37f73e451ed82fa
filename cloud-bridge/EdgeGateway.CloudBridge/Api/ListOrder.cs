namespace EdgeGateway.CloudBridge.Api;

/// <summary>One ordering key (`name` ascending, `-name` descending).</summary>
public sealed record ListOrder(ResourceField Field, bool Descending);

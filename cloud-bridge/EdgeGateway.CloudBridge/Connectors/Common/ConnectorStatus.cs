namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>One connector as GET /api/v1/connectors shows it. Errors are already redacted.</summary>
public sealed record ConnectorStatus(
    string Name,
    string Circuit,
    long QueueDepth,
    long Delivered,
    long Failures,
    long Requests,
    long Retries,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastSuccessAt);

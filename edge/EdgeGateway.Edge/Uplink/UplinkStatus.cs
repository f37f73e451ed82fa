namespace EdgeGateway.Edge.Uplink;

/// <summary>The "uplink" part of /api/status: the cloud connection as the Status tab shows it.</summary>
public sealed record UplinkStatus(
    bool Connected,
    string Broker,
    DateTimeOffset? ConnectedSince,
    long Session,
    DateTimeOffset? LastPublish,
    long Published,
    int InFlight,
    long Reconnects,
    string? LastError,
    DateTimeOffset? LastErrorAt);

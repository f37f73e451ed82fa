namespace EdgeGateway.Edge.Uplink;

/// <summary>What diagnostics show about the uplink.</summary>
public sealed record UplinkState
{
    public required string Broker { get; init; }

    public required bool Connected { get; init; }

    public DateTimeOffset? ConnectedSince { get; init; }

    public long Session { get; init; }

    public DateTimeOffset? LastPublishAt { get; init; }

    /// <summary>Messages acknowledged by the broker since start.</summary>
    public long Published { get; init; }

    public int InFlight { get; init; }

    public long Backlog { get; init; }

    public long Reconnects { get; init; }

    /// <summary>Messages from the broker refused (bad topic, bad JSON, unsupported version).</summary>
    public long RejectedIncoming { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }
}

using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Status;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// Something the fleet did that a connector may forward, taken from a batch the fleet store has committed.
/// Only the items the store took as new are included, so a redelivered envelope produces no second event.
/// <see cref="Key"/> is unique per event and stable across redeliveries: connectors use it to make their
/// platform calls idempotent (e.g. one voucher per tap even when a batch is retried).
/// </summary>
public sealed record ConnectorEvent
{
    public required ConnectorEventKind Kind { get; init; }

    public required string GatewayId { get; init; }

    /// <summary>The stream of an envelope (`heartbeats`, `nfc`); empty for status and reported.</summary>
    public string Stream { get; init; } = string.Empty;

    /// <summary>Sequence number of the first new item of the envelope (0 for status and reported).</summary>
    public long Seq { get; init; }

    /// <summary>Sequence number of each item, aligned with <see cref="Heartbeats"/> or <see cref="Taps"/>.</summary>
    public IReadOnlyList<long> ItemSeqs { get; init; } = [];

    /// <summary>When the gateway sent it (envelope sentAt) or when the bridge received it (status, reported).</summary>
    public required DateTimeOffset At { get; init; }

    public IReadOnlyList<HeartbeatItem> Heartbeats { get; init; } = [];

    public IReadOnlyList<TagReadItem> Taps { get; init; } = [];

    public GatewayStatus? Status { get; init; }

    public ReportedConfig? Reported { get; init; }

    /// <summary>`{gatewayId}/{stream}/{seq}` for envelopes, `{gatewayId}/status/{session}` and `{gatewayId}/reported/{version}` otherwise.</summary>
    public string Key => Kind switch
    {
        ConnectorEventKind.Status => $"{GatewayId}/status/{Status?.Session}",
        ConnectorEventKind.Reported => $"{GatewayId}/reported/{Reported?.Version}",
        _ => $"{GatewayId}/{Stream}/{Seq}",
    };

    /// <summary>The idempotency key of one item: `{gatewayId}/{stream}/{itemSeq}`.</summary>
    public string ItemKey(int index) => $"{GatewayId}/{Stream}/{ItemSeqs[index]}";
}

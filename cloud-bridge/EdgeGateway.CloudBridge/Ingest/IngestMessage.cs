using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Status;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.CloudBridge.Ingest;

/// <summary>One validated MQTT message on its way to the store. Which members are set depends on <see cref="Kind"/>.</summary>
public sealed class IngestMessage
{
    private IngestMessage(IngestKind kind, string gatewayId)
    {
        Kind = kind;
        GatewayId = gatewayId;
    }

    public IngestKind Kind { get; }

    public string GatewayId { get; }

    public string Stream { get; private init; } = string.Empty;

    public long Seq { get; private init; }

    public DateTimeOffset SentAt { get; private init; }

    /// <summary>Items of the envelope that passed validation (all streams, including ones without a typed decoder).</summary>
    public int ItemCount { get; private init; }

    /// <summary>Items of the envelope dropped by validation; the envelope's sequence number is still consumed.</summary>
    public int BadItems { get; private init; }

    public IReadOnlyList<HeartbeatItem> Heartbeats { get; private init; } = [];

    public IReadOnlyList<TagReadItem> Taps { get; private init; } = [];

    public GatewayStatus? Status { get; private init; }

    public ReportedConfig? Reported { get; private init; }

    /// <summary>Short machine-readable reason (metric label) when <see cref="Kind"/> is Rejected.</summary>
    public string RejectReason { get; private init; } = string.Empty;

    /// <summary>Human-readable context for the log when rejected.</summary>
    public string RejectDetail { get; private init; } = string.Empty;

    public static IngestMessage Envelope(
        string gatewayId, string stream, long seq, DateTimeOffset sentAt, int itemCount, int badItems,
        IReadOnlyList<HeartbeatItem> heartbeats, IReadOnlyList<TagReadItem> taps) =>
        new(IngestKind.Envelope, gatewayId)
        {
            Stream = stream,
            Seq = seq,
            SentAt = sentAt,
            ItemCount = itemCount,
            BadItems = badItems,
            Heartbeats = heartbeats,
            Taps = taps,
        };

    public static IngestMessage ForStatus(string gatewayId, GatewayStatus status) =>
        new(IngestKind.Status, gatewayId) { Status = status };

    public static IngestMessage ForReported(string gatewayId, ReportedConfig reported) =>
        new(IngestKind.Reported, gatewayId) { Reported = reported };

    public static IngestMessage Rejected(string gatewayId, string reason, string detail) =>
        new(IngestKind.Rejected, gatewayId) { RejectReason = reason, RejectDetail = detail };
}

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

    /// <summary>Items of the envelope dropped by validation; their sequence numbers are still consumed.</summary>
    public int BadItems { get; private init; }

    /// <summary>
    /// Position in the envelope of each valid item, ascending (aligned with <see cref="Heartbeats"/> or <see cref="Taps"/>
    /// where the stream is decoded): valid item k has sequence number <c>Seq + ItemOffsets[k]</c>.
    /// </summary>
    public IReadOnlyList<int> ItemOffsets { get; private init; } = [];

    /// <summary>Items in the envelope as the gateway sent it, valid or not (a kept part still remembers the whole).</summary>
    public int EnvelopeItems { get; private init; }

    /// <summary>The sequence number of the envelope's last item: it covers [Seq, LastSeq].</summary>
    public long LastSeq => Seq + EnvelopeItems - 1;

    /// <summary>The sequence number of the <paramref name="index"/>-th valid item.</summary>
    public long ItemSeq(int index) => Seq + ItemOffsets[index];

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
        IReadOnlyList<HeartbeatItem> heartbeats, IReadOnlyList<TagReadItem> taps, IReadOnlyList<int>? itemOffsets = null) =>
        new(IngestKind.Envelope, gatewayId)
        {
            Stream = stream,
            Seq = seq,
            SentAt = sentAt,
            ItemCount = itemCount,
            BadItems = badItems,
            Heartbeats = heartbeats,
            Taps = taps,
            EnvelopeItems = itemCount + badItems,
            ItemOffsets = itemOffsets ?? [.. Enumerable.Range(0, itemCount)],
        };

    /// <summary>
    /// The part of this envelope whose sequence numbers are in <paramref name="fresh"/> (ascending, disjoint ranges
    /// inside [Seq, LastSeq]): what a resend that partly overlaps stored items still has to store.
    /// </summary>
    public IngestMessage Keep(IReadOnlyList<(long From, long To)> fresh)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        var freshCount = fresh.Sum(r => r.To - r.From + 1);
        if (freshCount == EnvelopeItems)
        {
            return this;
        }

        var offsets = new List<int>();
        var heartbeats = new List<HeartbeatItem>();
        var taps = new List<TagReadItem>();
        var range = 0;
        for (var k = 0; k < ItemOffsets.Count; k++)
        {
            var seq = ItemSeq(k);
            while (range < fresh.Count && fresh[range].To < seq)
            {
                range++;
            }

            if (range == fresh.Count || seq < fresh[range].From)
            {
                continue;
            }

            offsets.Add(ItemOffsets[k]);
            if (k < Heartbeats.Count)
            {
                heartbeats.Add(Heartbeats[k]);
            }

            if (k < Taps.Count)
            {
                taps.Add(Taps[k]);
            }
        }

        return new IngestMessage(Kind, GatewayId)
        {
            Stream = Stream,
            Seq = Seq,
            SentAt = SentAt,
            EnvelopeItems = EnvelopeItems,
            ItemCount = offsets.Count,
            BadItems = (int)freshCount - offsets.Count,
            ItemOffsets = offsets,
            Heartbeats = heartbeats,
            Taps = taps,
        };
    }

    public static IngestMessage ForStatus(string gatewayId, GatewayStatus status) =>
        new(IngestKind.Status, gatewayId) { Status = status };

    public static IngestMessage ForReported(string gatewayId, ReportedConfig reported) =>
        new(IngestKind.Reported, gatewayId) { Reported = reported };

    public static IngestMessage Rejected(string gatewayId, string reason, string detail) =>
        new(IngestKind.Rejected, gatewayId) { RejectReason = reason, RejectDetail = detail };
}

using System.Buffers;
using System.Text.Json;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.Protocol;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Envelopes;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Status;
using EdgeGateway.Protocol.Streams;
using EdgeGateway.Protocol.Topics;

namespace EdgeGateway.CloudBridge.Ingest;

/// <summary>
/// Turns a topic and payload into an <see cref="IngestMessage"/>, checking them against the contract:
/// topic shape, sizes, JSON schema (required fields), version, and that the payload speaks for the
/// gateway in the topic (the broker ACL binds the topic to the client; the payload must agree).
/// Never throws on bad input: a bad message becomes a Rejected one with a reason.
/// </summary>
internal sealed class MessageParser(IngestOptions options)
{
    private const int MaxBeaconIdLength = 128;

    public IngestMessage Parse(string topic, ReadOnlySequence<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var levels = topic.Split('/');
        if (levels.Length < 4 || $"{levels[0]}/{levels[1]}" != GatewayTopics.Root || !GatewayTopics.IsValidLevel(levels[2]))
        {
            return IngestMessage.Rejected(string.Empty, "bad-topic", $"topic '{Truncate(topic)}' is not gw/v1/<gatewayId>/...");
        }

        var gatewayId = levels[2];
        if (payload.Length > options.MaxPayloadBytes)
        {
            return IngestMessage.Rejected(gatewayId, "too-large", $"{payload.Length} bytes on '{topic}' (limit {options.MaxPayloadBytes})");
        }

        if (payload.IsEmpty)
        {
            return IngestMessage.Rejected(gatewayId, "empty", $"empty payload on '{topic}'");
        }

        try
        {
            return (levels.Length, levels[3]) switch
            {
                (5, "up") when GatewayTopics.IsValidLevel(levels[4]) => Envelope(gatewayId, levels[4], payload),
                (4, "status") => Status(gatewayId, payload),
                (5, "config") when levels[4] == "reported" => Reported(gatewayId, payload),
                _ => IngestMessage.Rejected(gatewayId, "bad-topic", $"topic '{Truncate(topic)}' is not one the bridge consumes"),
            };
        }
        catch (JsonException ex)
        {
            return IngestMessage.Rejected(gatewayId, "bad-json", $"'{topic}': {ex.Message}");
        }
    }

    private static Utf8JsonReader Reader(ReadOnlySequence<byte> payload) => new(payload, new JsonReaderOptions { MaxDepth = 16 });

    private IngestMessage Envelope(string gatewayId, string stream, ReadOnlySequence<byte> payload)
    {
        var reader = Reader(payload);
        var envelope = JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.UpEnvelope)
            ?? throw new JsonException("payload is JSON null");
        if (envelope.Version != ProtocolVersion.Current)
        {
            return IngestMessage.Rejected(gatewayId, "bad-version", $"envelope v={envelope.Version}, this bridge reads v={ProtocolVersion.Current}");
        }

        if (envelope.GatewayId != gatewayId)
        {
            return IngestMessage.Rejected(gatewayId, "gateway-mismatch", $"topic gateway '{gatewayId}' but payload gatewayId '{Truncate(envelope.GatewayId)}'");
        }

        if (envelope.Stream != stream)
        {
            return IngestMessage.Rejected(gatewayId, "stream-mismatch", $"topic stream '{stream}' but payload stream '{Truncate(envelope.Stream)}'");
        }

        if (envelope.Seq < 1)
        {
            return IngestMessage.Rejected(gatewayId, "bad-seq", $"seq {envelope.Seq} on stream '{stream}' (must be 1 or more)");
        }

        if (envelope.Items is null || envelope.Items.Count == 0 || envelope.Items.Count > options.MaxItemsPerEnvelope)
        {
            return IngestMessage.Rejected(gatewayId, "bad-item-count", $"{envelope.Items?.Count ?? 0} items on stream '{stream}' (1-{options.MaxItemsPerEnvelope} allowed)");
        }

        if (envelope.Seq > long.MaxValue - envelope.Items.Count)
        {
            return IngestMessage.Rejected(gatewayId, "bad-seq", $"seq {envelope.Seq} + {envelope.Items.Count} items on stream '{stream}' overflows the item numbering");
        }

        return stream switch
        {
            StreamNames.Heartbeats => Decoded(envelope, ProtocolJsonContext.Default.HeartbeatItem, IsValid, Normalized, heartbeats: true),
            StreamNames.Nfc => Decoded(envelope, ProtocolJsonContext.Default.TagReadItem, IsValid, Normalized, heartbeats: false),
            _ => IngestMessage.Envelope(gatewayId, stream, envelope.Seq, envelope.SentAt, envelope.Items.Count, 0, [], []),
        };
    }

    private static IngestMessage Decoded<T>(
        UpEnvelope envelope, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, Func<T, bool> valid, Func<T, T> normalized, bool heartbeats)
        where T : class
    {
        var good = new List<T>(envelope.Items.Count);
        var offsets = new List<int>(envelope.Items.Count);
        var bad = 0;
        for (var offset = 0; offset < envelope.Items.Count; offset++)
        {
            var element = envelope.Items[offset];
            T? item;
            try
            {
                item = element.ValueKind == JsonValueKind.Object ? element.Deserialize(type) : null;
            }
            catch (JsonException)
            {
                item = null;
            }

            if (item is not null && valid(item))
            {
                good.Add(normalized(item));
                offsets.Add(offset);
            }
            else
            {
                bad++;
            }
        }

        return heartbeats
            ? IngestMessage.Envelope(envelope.GatewayId, envelope.Stream, envelope.Seq, envelope.SentAt, good.Count, bad, (IReadOnlyList<HeartbeatItem>)good, [], offsets)
            : IngestMessage.Envelope(envelope.GatewayId, envelope.Stream, envelope.Seq, envelope.SentAt, good.Count, bad, [], (IReadOnlyList<TagReadItem>)good, offsets);
    }

    // The source-generated deserializer sets init-only properties that are absent from the JSON to null,
    // whatever their initializer says; the rest of the bridge relies on lists never being null.
    private static HeartbeatItem Normalized(HeartbeatItem h) => h.Frames is null ? h with { Frames = [] } : h;

    private static TagReadItem Normalized(TagReadItem t) => t.Ndef is null ? t with { Ndef = [] } : t;

    private static bool IsValid(HeartbeatItem h) =>
        h.BeaconId is { Length: > 0 and <= MaxBeaconIdLength }
        && h.RssiLast is >= -127 and <= 20
        && h.Count >= 0
        && h.BatteryMv is null or (>= 0 and <= 65535)
        && h.TemperatureC is null or (>= -60 and <= 150);

    private static bool IsValid(TagReadItem t) =>
        t.Uid is { Length: >= 8 and <= 20 } && t.Uid.All(char.IsAsciiHexDigitLower)
        && t.TagType is { Length: > 0 and <= 32 }
        && t.Counter is null or >= 0;

    private static IngestMessage Status(string gatewayId, ReadOnlySequence<byte> payload)
    {
        var reader = Reader(payload);
        var status = JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.GatewayStatus)
            ?? throw new JsonException("payload is JSON null");
        if (status.GatewayId is not null && status.GatewayId != gatewayId)
        {
            return IngestMessage.Rejected(gatewayId, "gateway-mismatch", $"status on '{gatewayId}' names gatewayId '{Truncate(status.GatewayId)}'");
        }

        if (status.Session < 0)
        {
            return IngestMessage.Rejected(gatewayId, "bad-session", $"status session {status.Session} (must be 0 or more)");
        }

        return status.Site is { Length: > 128 }
            ? IngestMessage.Rejected(gatewayId, "bad-site", "site name longer than 128 characters")
            : IngestMessage.ForStatus(gatewayId, status);
    }

    private static IngestMessage Reported(string gatewayId, ReadOnlySequence<byte> payload)
    {
        var reader = Reader(payload);
        var reported = JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.ReportedConfig)
            ?? throw new JsonException("payload is JSON null");
        if (reported.Beacons is null)
        {
            reported = reported with { Beacons = [] };
        }

        return reported.Beacons.Any(b => b.BeaconId is not { Length: > 0 and <= MaxBeaconIdLength })
            ? IngestMessage.Rejected(gatewayId, "bad-item", "config/reported has a beacon without a valid beaconId")
            : IngestMessage.ForReported(gatewayId, reported);
    }

    private static string Truncate(string? text) => text is { Length: > 80 } ? text[..80] + "…" : text ?? "";
}

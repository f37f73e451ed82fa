using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.Protocol.Envelopes;

/// <summary>
/// The payload of `gw/v1/{gatewayId}/up/{stream}`: a batch of items with the stream's sequence number.
/// `seq` is per gateway and stream, persisted and strictly increasing; the bridge dedups on
/// (gatewayId, stream, seq) and detects gaps. Items stay raw JSON so each stream decodes its own type.
/// </summary>
public sealed record UpEnvelope
{
    [JsonPropertyName("v")]
    public required int Version { get; init; }

    public required string GatewayId { get; init; }

    public required string Stream { get; init; }

    public required long Seq { get; init; }

    public required DateTimeOffset SentAt { get; init; }

    public required IReadOnlyList<JsonElement> Items { get; init; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.Protocol.Commands;

/// <summary>`gw/v1/{gatewayId}/cmd/{requestId}`, cloud → gateway. Answered on `cmd-result/{requestId}`.</summary>
public sealed record CommandRequest
{
    [JsonPropertyName("v")]
    public int Version { get; init; } = ProtocolVersion.Current;

    public required string RequestId { get; init; }

    /// <summary>Command name, e.g. nfc.write-url, selftest.run, beacon.set.</summary>
    public required string Name { get; init; }

    public JsonElement? Args { get; init; }

    /// <summary>After this instant the gateway must not execute the command (answers expired instead).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.Protocol.Commands;

/// <summary>`gw/v1/{gatewayId}/cmd-result/{requestId}`, gateway → cloud.</summary>
public sealed record CommandResult
{
    [JsonPropertyName("v")]
    public int Version { get; init; } = ProtocolVersion.Current;

    public required string RequestId { get; init; }

    public required bool Ok { get; init; }

    public JsonElement? Result { get; init; }

    /// <summary>One-line reason when <see cref="Ok"/> is false.</summary>
    public string? Error { get; init; }

    public required DateTimeOffset At { get; init; }
}

using System.Text.Json.Serialization;

namespace EdgeGateway.Protocol.Config;

/// <summary>Retained on `gw/v1/{gatewayId}/config/reported` by the gateway: the outcome per beacon for a desired version.</summary>
public sealed record ReportedConfig
{
    [JsonPropertyName("v")]
    public int ProtocolVersion { get; init; } = Protocol.ProtocolVersion.Current;

    /// <summary>The desired version this report answers.</summary>
    public required long Version { get; init; }

    public required DateTimeOffset At { get; init; }

    public IReadOnlyList<BeaconReported> Beacons { get; init; } = [];

    /// <summary>The own advertiser's outcome, when the desired config had that section.</summary>
    public OwnAdvertiserReported? OwnAdvertiser { get; init; }
}

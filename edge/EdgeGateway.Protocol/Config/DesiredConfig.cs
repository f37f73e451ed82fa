using System.Text.Json.Serialization;

namespace EdgeGateway.Protocol.Config;

/// <summary>Retained on `gw/v1/{gatewayId}/config/desired` by the cloud. A version not above the last applied one is ignored.</summary>
public sealed record DesiredConfig
{
    [JsonPropertyName("v")]
    public int ProtocolVersion { get; init; } = Protocol.ProtocolVersion.Current;

    /// <summary>Monotonic version of this desired state.</summary>
    public required long Version { get; init; }

    public IReadOnlyList<BeaconDesired> Beacons { get; init; } = [];

    /// <summary>The gateway's own advertiser; null leaves it as it is.</summary>
    public OwnAdvertiserDesired? OwnAdvertiser { get; init; }
}

namespace EdgeGateway.Protocol.Config;

/// <summary>What the cloud wants one beacon to do. Null fields are left as they are.</summary>
public sealed record BeaconDesired
{
    /// <summary>Beacon identity as in <see cref="Streams.HeartbeatItem.BeaconId"/>.</summary>
    public required string BeaconId { get; init; }

    /// <summary>Radio TX power in dBm.</summary>
    public int? TxPowerDbm { get; init; }

    /// <summary>Advertising interval in milliseconds.</summary>
    public int? IntervalMs { get; init; }
}

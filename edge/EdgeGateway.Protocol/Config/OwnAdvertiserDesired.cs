namespace EdgeGateway.Protocol.Config;

/// <summary>What the cloud wants the gateway's own radio to advertise as a beacon of the shop.</summary>
public sealed record OwnAdvertiserDesired
{
    /// <summary>False stops the gateway's own advertising.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Frames rotated on air (at least one when enabled).</summary>
    public IReadOnlyList<AdvertiserFrameDesired> Frames { get; init; } = [];

    /// <summary>Requested TX power in dBm; honoured where the controller has extended advertising.</summary>
    public int? TxPowerDbm { get; init; }

    /// <summary>Advertising interval in milliseconds (20..10240).</summary>
    public int? IntervalMs { get; init; }
}

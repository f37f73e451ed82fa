namespace EdgeGateway.Protocol.Config;

/// <summary>The applied state of one beacon.</summary>
public sealed record BeaconReported
{
    public required string BeaconId { get; init; }

    /// <summary>One of <see cref="BeaconConfigStates"/>.</summary>
    public required string State { get; init; }

    /// <summary>The TX power the beacon actually uses (may differ from desired when it rounds).</summary>
    public int? TxPowerDbm { get; init; }

    public int? IntervalMs { get; init; }

    /// <summary>Why it failed: not-in-range, connection-failed, wrong-lock-key, characteristic-missing, ...</summary>
    public string? Reason { get; init; }

    /// <summary>A human-readable explanation of a failure or a rounding, for technicians (no secrets).</summary>
    public string? Detail { get; init; }

    /// <summary>True when the beacon was heard advertising again after the change, false when it was not within the verify window.</summary>
    public bool? Verified { get; init; }

    public DateTimeOffset? At { get; init; }
}

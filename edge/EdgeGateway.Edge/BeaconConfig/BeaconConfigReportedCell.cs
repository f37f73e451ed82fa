namespace EdgeGateway.Edge.BeaconConfig;

/// <summary>The reported side of a <see cref="BeaconConfigRow"/>; State is "pending" while a desired version for the beacon is being applied.</summary>
public sealed record BeaconConfigReportedCell(
    string State,
    int? TxPowerDbm,
    int? IntervalMs,
    string? Reason,
    string? Detail,
    bool? Verified,
    DateTimeOffset? At);

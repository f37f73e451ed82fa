namespace EdgeGateway.Edge.BeaconConfig;

/// <summary>The desired side of a <see cref="BeaconConfigRow"/>.</summary>
public sealed record BeaconConfigDesiredCell(int? TxPowerDbm, int? IntervalMs);

namespace EdgeGateway.Edge.BeaconConfig;

/// <summary>The "beaconConfig" part of /api/status (and GET /api/beacon-config/): versions, counters and one row per beacon.</summary>
public sealed record BeaconConfigStatus(
    long? DesiredVersion,
    long? ReportedVersion,
    long? ApplyingVersion,
    DateTimeOffset? ReportedAt,
    long StaleIgnored,
    string LockKeys,
    IReadOnlyList<BeaconConfigRow> Beacons);

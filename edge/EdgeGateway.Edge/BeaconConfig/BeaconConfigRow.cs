namespace EdgeGateway.Edge.BeaconConfig;

/// <summary>One beacon on the Beacon config tab: what the cloud wants, what the beacon last reported, whether a lock key is held ("held"/"none", never the key).</summary>
public sealed record BeaconConfigRow(string BeaconId, BeaconConfigDesiredCell? Desired, BeaconConfigReportedCell? Reported, string LockKey);

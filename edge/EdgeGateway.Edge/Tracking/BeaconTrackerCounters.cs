namespace EdgeGateway.Edge.Tracking;

/// <summary>What the tracker did with the reports it was given.</summary>
public readonly record struct BeaconTrackerCounters(
    long Reports,
    long IgnoredWeak,
    long IgnoredByList,
    long IgnoredUnknownDevice,
    long Evicted,
    long Lost,
    int Tracked);

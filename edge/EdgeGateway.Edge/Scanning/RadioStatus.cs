namespace EdgeGateway.Edge.Scanning;

/// <summary>The "radio" part of /api/status: controller, scan mode, rate and the most recently seen beacons.</summary>
public sealed record RadioStatus(
    string State,
    string Detail,
    string? Controller,
    string ScanMode,
    double ReportsPerSecond,
    int BeaconCount,
    long Evicted,
    IReadOnlyList<RadioBeaconRow> Beacons);

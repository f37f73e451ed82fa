namespace EdgeGateway.Edge.Scanning;

/// <summary>One line of the Radio tab's live beacon table.</summary>
public sealed record RadioBeaconRow(
    string Id,
    string? Address,
    IReadOnlyList<string> Frames,
    int Rssi,
    double? RssiSmoothed,
    double? DistanceM,
    int? BatteryMv,
    double? TemperatureC,
    DateTimeOffset LastSeen,
    long Count);

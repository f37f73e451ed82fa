namespace EdgeGateway.Edge.Tracking;

/// <summary>
/// Configuration section `Tracking`: when heartbeats go out, what counts as a material change, which
/// beacons are tracked, and how much memory the tracker may use.
/// </summary>
public sealed class TrackingOptions
{
    public const string SectionName = "Tracking";

    /// <summary>One heartbeat per beacon per interval even when nothing changed.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A beacon not heard for this long is reported lost and forgotten.</summary>
    public TimeSpan LostAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the service looks for due heartbeats.</summary>
    public TimeSpan CollectEvery { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A battery change of at least this many mV since the last heartbeat sends one at once.</summary>
    public int BatteryChangeMv { get; set; } = 50;

    /// <summary>A temperature change of at least this many °C since the last heartbeat sends one at once.</summary>
    public double TemperatureChangeC { get; set; } = 1.0;

    /// <summary>Beacons kept at most; beyond it the least recently seen one is evicted (counted).</summary>
    public int MaxBeacons { get; set; } = 4096;

    /// <summary>Reports weaker than this (dBm) are ignored (counted).</summary>
    public int MinRssi { get; set; } = -100;

    /// <summary>Path-loss exponent n of the log-distance model: 2 in free space, 2.5-4 indoors.</summary>
    public double PathLossExponent { get; set; } = 2.0;

    /// <summary>Weight of the newest RSSI in the exponential moving average (0 &lt; a ≤ 1).</summary>
    public double RssiSmoothing { get; set; } = 0.2;

    /// <summary>Also track devices that carry no beacon frame (phones, headsets), by address. Off: a shop is full of phones.</summary>
    public bool TrackUnknownDevices { get; set; }

    /// <summary>When not empty, only these beacons are tracked. Entries: a full id (`ibeacon:uuid:major:minor`,
    /// `eddystone:namespace:instance`, `aa:bb:cc:dd:ee:ff`), or a prefix `ibeacon:uuid` / `eddystone:namespace`.</summary>
    public IList<string> Allow { get; } = [];

    /// <summary>Beacons never tracked; same forms as <see cref="Allow"/>. Deny wins over allow.</summary>
    public IList<string> Deny { get; } = [];

    /// <summary>Every problem, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (HeartbeatInterval < TimeSpan.FromSeconds(1))
        {
            problems.Add($"{SectionName}:HeartbeatInterval must be at least 1 s (was {HeartbeatInterval})");
        }

        if (LostAfter < TimeSpan.FromSeconds(1))
        {
            problems.Add($"{SectionName}:LostAfter must be at least 1 s (was {LostAfter})");
        }

        if (CollectEvery < TimeSpan.FromMilliseconds(10) || CollectEvery > HeartbeatInterval)
        {
            problems.Add($"{SectionName}:CollectEvery must be between 10 ms and HeartbeatInterval (was {CollectEvery})");
        }

        if (BatteryChangeMv < 1)
        {
            problems.Add($"{SectionName}:BatteryChangeMv must be at least 1 (was {BatteryChangeMv})");
        }

        if (TemperatureChangeC <= 0)
        {
            problems.Add($"{SectionName}:TemperatureChangeC must be positive (was {TemperatureChangeC})");
        }

        if (MaxBeacons is < 1 or > 1_000_000)
        {
            problems.Add($"{SectionName}:MaxBeacons must be 1..1000000 (was {MaxBeacons})");
        }

        if (MinRssi is < -127 or > 20)
        {
            problems.Add($"{SectionName}:MinRssi must be -127..20 dBm (was {MinRssi})");
        }

        if (PathLossExponent is < 1 or > 6)
        {
            problems.Add($"{SectionName}:PathLossExponent must be 1..6 (was {PathLossExponent})");
        }

        if (RssiSmoothing is <= 0 or > 1)
        {
            problems.Add($"{SectionName}:RssiSmoothing must be in (0, 1] (was {RssiSmoothing})");
        }

        foreach (var (list, name) in new[] { (Allow, nameof(Allow)), (Deny, nameof(Deny)) })
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (!BeaconFilter.TryParseEntry(list[i], out _))
                {
                    problems.Add($"{SectionName}:{name}:{i} '{list[i]}' is not a beacon id or id prefix");
                }
            }
        }

        return problems;
    }
}

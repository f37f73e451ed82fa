namespace EdgeGateway.Protocol.Streams;

/// <summary>
/// One beacon's state as the gateway's tracker sees it, sent periodically and on material changes.
/// Optional fields are omitted from the JSON when the beacon does not provide them.
/// </summary>
public sealed record HeartbeatItem
{
    /// <summary>Stable identity: `ibeacon:&lt;uuid&gt;:&lt;major&gt;:&lt;minor&gt;`, `eddystone:&lt;namespace&gt;:&lt;instance&gt;`, else the address.</summary>
    public required string BeaconId { get; init; }

    /// <summary>Why this heartbeat was sent: one of <see cref="HeartbeatReasons"/>.</summary>
    public required string Reason { get; init; }

    /// <summary>When the tracker produced this heartbeat.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>BD_ADDR as `aa:bb:cc:dd:ee:ff` (lower case), with the address type when known.</summary>
    public string? Address { get; init; }

    /// <summary>Frame kinds heard from this beacon: ibeacon, altbeacon, eddystone-uid, eddystone-url, eddystone-tlm, eddystone-eid, ruuvi.</summary>
    public IReadOnlyList<string> Frames { get; init; } = [];

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>Advertising reports heard since the beacon was first seen.</summary>
    public required long Count { get; init; }

    public required int RssiLast { get; init; }

    public double? RssiSmoothed { get; init; }

    public int? RssiMin { get; init; }

    public int? RssiMax { get; init; }

    /// <summary>Calibrated RSSI at 1 m (dBm) the beacon advertises.</summary>
    public int? MeasuredPower { get; init; }

    /// <summary>Estimated distance in metres (log-distance model; see the tracker's documentation).</summary>
    public double? DistanceM { get; init; }

    public int? BatteryMv { get; init; }

    public double? TemperatureC { get; init; }

    public double? HumidityPct { get; init; }

    /// <summary>Eddystone-URL the beacon advertises, when it does.</summary>
    public string? Url { get; init; }
}

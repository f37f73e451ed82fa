namespace EdgeGateway.Protocol.Config;

/// <summary>One frame of the own advertiser. <see cref="Kind"/>: ibeacon, eddystone-uid, eddystone-url, eddystone-tlm.</summary>
public sealed record AdvertiserFrameDesired
{
    public required string Kind { get; init; }

    /// <summary>iBeacon proximity UUID.</summary>
    public Guid? Uuid { get; init; }

    public int? Major { get; init; }

    public int? Minor { get; init; }

    /// <summary>iBeacon calibrated RSSI at 1 m (dBm).</summary>
    public int? MeasuredPower { get; init; }

    /// <summary>Eddystone-UID namespace, 20 hex digits.</summary>
    public string? Namespace { get; init; }

    /// <summary>Eddystone-UID instance, 12 hex digits.</summary>
    public string? Instance { get; init; }

    /// <summary>Eddystone-URL target.</summary>
    public string? Url { get; init; }

    /// <summary>Eddystone calibrated TX power at 0 m (dBm).</summary>
    public int? TxPowerAt0M { get; init; }
}

namespace EdgeGateway.Hardware.Hci;

/// <summary>
/// How the controller scans. Interval and window are in 0.625 ms units (Core spec range 0x0004-0x4000);
/// window must not exceed interval. Passive scanning never transmits; active asks for scan responses.
/// </summary>
public sealed record ScanParameters
{
    public bool Active { get; init; }

    /// <summary>0x0004..0x4000 (2.5 ms..10.24 s). Default 0x0010 = 10 ms.</summary>
    public ushort Interval { get; init; } = 0x0010;

    /// <summary>0x0004..Interval. Equal to the interval means listening continuously.</summary>
    public ushort Window { get; init; } = 0x0010;

    /// <summary>Controller-side duplicate filtering. Off for a tracker: every report carries a fresh RSSI.</summary>
    public bool FilterDuplicates { get; init; }

    /// <summary>Own address type for scan requests: 0 public, 1 random.</summary>
    public byte OwnAddressType { get; init; }

    /// <summary>A one-line reason when the parameters violate the spec's ranges; null when valid.</summary>
    public string? Validate() =>
        Interval is < 0x0004 or > 0x4000 ? $"scan interval 0x{Interval:X4} is outside 0x0004..0x4000 (2.5 ms..10.24 s)"
        : Window is < 0x0004 or > 0x4000 ? $"scan window 0x{Window:X4} is outside 0x0004..0x4000 (2.5 ms..10.24 s)"
        : Window > Interval ? $"scan window 0x{Window:X4} is longer than the interval 0x{Interval:X4}"
        : OwnAddressType > 3 ? $"own address type {OwnAddressType} is not 0..3"
        : null;
}

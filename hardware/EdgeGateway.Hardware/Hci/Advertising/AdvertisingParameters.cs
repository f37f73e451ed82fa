using System.Globalization;

namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>
/// The wire values of LE Set Advertising Parameters (and of the legacy-PDU form of the extended command).
/// Intervals are in 0.625 ms units, 0x0020..0x4000 (20 ms .. 10.24 s), min not above max.
/// </summary>
public sealed record AdvertisingParameters
{
    public const ushort MinIntervalUnits = 0x0020;

    public const ushort MaxIntervalUnits = 0x4000;

    /// <summary>Default 0x00A0 = 100 ms.</summary>
    public ushort IntervalMin { get; init; } = 0x00A0;

    public ushort IntervalMax { get; init; } = 0x00A0;

    public AdvertisingType Type { get; init; } = AdvertisingType.NonConnectableUndirected;

    /// <summary>0 public, 1 random, 2/3 resolvable private with public/random fallback.</summary>
    public byte OwnAddressType { get; init; }

    /// <summary>Bit 0 channel 37, bit 1 channel 38, bit 2 channel 39; 0x07 = all three.</summary>
    public byte ChannelMap { get; init; } = 0x07;

    /// <summary>0 = process scan and connection requests from all devices.</summary>
    public byte FilterPolicy { get; init; }

    /// <summary>One 0.625 ms unit as a duration.</summary>
    public static TimeSpan UnitsToTime(uint units) => TimeSpan.FromTicks(units * 6250L);

    /// <summary>The nearest whole number of 0.625 ms units (saturated to ushort; validation rejects out-of-range values).</summary>
    public static ushort TimeToUnits(TimeSpan interval) =>
        (ushort)Math.Clamp(Math.Round(interval.Ticks / 6250.0, MidpointRounding.AwayFromZero), 0, ushort.MaxValue);

    /// <summary>A one-line reason when the parameters violate the spec's ranges; null when valid.</summary>
    public string? Validate() =>
        IntervalMin is < MinIntervalUnits or > MaxIntervalUnits ? Describe("minimum", IntervalMin)
        : IntervalMax is < MinIntervalUnits or > MaxIntervalUnits ? Describe("maximum", IntervalMax)
        : IntervalMin > IntervalMax ? string.Create(CultureInfo.InvariantCulture, $"advertising interval minimum 0x{IntervalMin:X4} is above the maximum 0x{IntervalMax:X4}")
        : (byte)Type > 4 ? string.Create(CultureInfo.InvariantCulture, $"advertising type {(byte)Type} is not 0..4")
        : Type is AdvertisingType.ConnectableDirectedHighDuty or AdvertisingType.ConnectableDirectedLowDuty ? "directed advertising needs a peer address, which the own advertiser does not send"
        : OwnAddressType > 3 ? string.Create(CultureInfo.InvariantCulture, $"own address type {OwnAddressType} is not 0..3")
        : ChannelMap is 0 or > 0x07 ? string.Create(CultureInfo.InvariantCulture, $"channel map 0x{ChannelMap:X2} must set at least one of bits 0..2 and nothing else")
        : FilterPolicy > 3 ? string.Create(CultureInfo.InvariantCulture, $"filter policy {FilterPolicy} is not 0..3")
        : null;

    private static string Describe(string which, ushort units) =>
        string.Create(CultureInfo.InvariantCulture,
            $"advertising interval {which} 0x{units:X4} ({UnitsToTime(units).TotalMilliseconds:0.###} ms) is outside 0x0020..0x4000 (20 ms .. 10.24 s)");
}

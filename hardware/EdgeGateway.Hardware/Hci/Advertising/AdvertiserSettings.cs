using System.Globalization;

namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>
/// What the own advertiser should send: the frames (rotated every <see cref="RotationPeriod"/> when more than one),
/// the advertising interval (20 ms .. 10.24 s, sent in 0.625 ms units), the requested TX power (honoured only where
/// the controller has extended advertising; legacy controllers advertise at their fixed advertising channel power).
/// </summary>
public sealed record AdvertiserSettings
{
    public static readonly TimeSpan MinInterval = AdvertisingParameters.UnitsToTime(AdvertisingParameters.MinIntervalUnits);

    public static readonly TimeSpan MaxInterval = AdvertisingParameters.UnitsToTime(AdvertisingParameters.MaxIntervalUnits);

    public required IReadOnlyList<AdvertiserFrame> Frames { get; init; }

    /// <summary>Advertising_Interval_Min; default 100 ms.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Advertising_Interval_Max; null = same as <see cref="Interval"/>.</summary>
    public TimeSpan? IntervalMax { get; init; }

    /// <summary>Requested TX power in dBm (-127..+20); null = no preference (0x7F). The controller may pick a lower step.</summary>
    public sbyte? TxPowerDbm { get; init; }

    /// <summary>How long each frame stays on air before the next one replaces it.</summary>
    public TimeSpan RotationPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>0 public, 1 random (the random address must have been set), 2/3 resolvable private.</summary>
    public byte OwnAddressType { get; init; }

    public byte ChannelMap { get; init; } = 0x07;

    public byte FilterPolicy { get; init; }

    /// <summary>False forces the legacy commands even on a controller with extended advertising.</summary>
    public bool AllowExtended { get; init; } = true;

    /// <summary>The wire parameters these settings stand for.</summary>
    public AdvertisingParameters ToParameters() => new()
    {
        IntervalMin = AdvertisingParameters.TimeToUnits(Interval),
        IntervalMax = AdvertisingParameters.TimeToUnits(IntervalMax ?? Interval),
        Type = AdvertisingType.NonConnectableUndirected,
        OwnAddressType = OwnAddressType,
        ChannelMap = ChannelMap,
        FilterPolicy = FilterPolicy,
    };

    /// <summary>A one-line reason when the settings cannot be applied; null when valid.</summary>
    public string? Validate()
    {
        if (Frames is null || Frames.Count == 0)
        {
            return "the own advertiser needs at least one frame";
        }

        for (var i = 0; i < Frames.Count; i++)
        {
            if (Frames[i] is null)
            {
                return string.Create(CultureInfo.InvariantCulture, $"frame {i} is null");
            }

            if (Frames[i].Validate() is { } problem)
            {
                return string.Create(CultureInfo.InvariantCulture, $"frame {i} ({Frames[i].Kind}): {problem}");
            }
        }

        if (Interval < MinInterval || Interval > MaxInterval || (IntervalMax is { } max && (max < MinInterval || max > MaxInterval)))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"advertising interval {Interval.TotalMilliseconds:0.###} ms (max {(IntervalMax ?? Interval).TotalMilliseconds:0.###} ms) is outside 20 ms .. 10240 ms");
        }

        if (TxPowerDbm is > 20)
        {
            return string.Create(CultureInfo.InvariantCulture, $"TX power {TxPowerDbm} dBm is above the +20 dBm the HCI allows");
        }

        if (TxPowerDbm == sbyte.MinValue)
        {
            return "TX power -128 dBm is not a valid HCI value (-127..+20)";
        }

        if (RotationPeriod < TimeSpan.FromMilliseconds(100))
        {
            return string.Create(CultureInfo.InvariantCulture, $"rotation period {RotationPeriod.TotalMilliseconds:0.###} ms is below 100 ms (each frame needs several advertising events)");
        }

        return ToParameters().Validate();
    }
}

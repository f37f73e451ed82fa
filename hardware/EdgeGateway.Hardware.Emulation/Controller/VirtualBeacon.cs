using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Emulation.Controller;

/// <summary>One beacon in the emulated air: its identity, how often and how loud it advertises, its sensors and battery.</summary>
public sealed record VirtualBeacon
{
    public required BluetoothAddress Address { get; init; }

    /// <summary>1 = random static, what battery beacons use.</summary>
    public byte AddressType { get; init; } = 1;

    public required VirtualBeaconKind Kind { get; init; }

    /// <summary>iBeacon proximity UUID, or AltBeacon id1.</summary>
    public Guid Uuid { get; init; }

    public ushort Major { get; init; }

    public ushort Minor { get; init; }

    /// <summary>Calibrated RSSI at 1 m (iBeacon/AltBeacon); Eddystone frames carry this + 41 as their 0 m power.</summary>
    public sbyte MeasuredPower { get; init; } = -59;

    /// <summary>Eddystone namespace (80 bits used).</summary>
    public UInt128 Namespace { get; init; }

    /// <summary>Eddystone instance (48 bits used); also the EID seed.</summary>
    public ulong Instance { get; init; }

    public string? Url { get; init; }

    /// <summary>Advertising interval; the controller adds the spec's 0-10 ms random advDelay on top.</summary>
    public TimeSpan AdvertisingInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Mean RSSI at the gateway (dBm) and the standard deviation of the noise around it.</summary>
    public double MeanRssi { get; init; } = -65;

    public double RssiNoiseDb { get; init; } = 3;

    public int BatteryMv { get; init; } = 3000;

    public double BatteryDrainMvPerHour { get; init; }

    public double TemperatureC { get; init; } = 21;

    public double HumidityPct { get; init; } = 45;

    public int PressurePa { get; init; } = 101_325;

    /// <summary>When both are set the beacon is heard for <see cref="PresentFor"/>, then silent for <see cref="AbsentFor"/>, repeating.</summary>
    public TimeSpan? PresentFor { get; init; }

    public TimeSpan? AbsentFor { get; init; }

    /// <summary>Set: the beacon is connectable and serves the Eddystone configuration service (see <see cref="VirtualBeaconGatt"/>).</summary>
    public VirtualBeaconGatt? Gatt { get; init; }
}

using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Emulation.Controller;

/// <summary>
/// A plausible shop for `--simulate`: a mix of iBeacons, Eddystone beacons (UID+URL+TLM), AltBeacons and
/// Ruuvi tags at different distances, some draining their batteries, some walking in and out.
/// </summary>
public static class VirtualStore
{
    /// <summary>The proximity UUID the simulated fleet's iBeacons share.</summary>
    public static readonly Guid FleetUuid = Guid.Parse("f7826da6-4fa2-4e98-8024-bc5b71e0893e");

    /// <summary>The lock key of the simulated shop's locked beacons: the 16 ASCII bytes "edgegw-simulated" (public on purpose: a demo).</summary>
    public static ReadOnlySpan<byte> SimulatedLockKey => "edgegw-simulated"u8;

    public static IReadOnlyList<VirtualBeacon> Create(int count, int seed = 7, TimeSpan? interval = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var beacons = new List<VirtualBeacon>(count);
        for (var i = 0; i < count; i++)
        {
            // Random static addresses have the two top bits set.
            var address = new BluetoothAddress(0xC0_0000_0000_00UL | ((ulong)seed << 24) | (uint)i);
            var kind = (VirtualBeaconKind)(i % 5);
            var walker = i % 7 == 3;
            beacons.Add(new VirtualBeacon
            {
                Address = address,
                Kind = kind,
                Uuid = FleetUuid,
                Major = (ushort)(1 + (i / 100)),
                Minor = (ushort)i,
                Namespace = ((UInt128)0xEDD1 << 64) | (ulong)seed,
                Instance = (ulong)i,
                Url = i % 2 == 0 ? "https://example.com/" : null,
                MeasuredPower = -59,
                AdvertisingInterval = interval ?? TimeSpan.FromMilliseconds(100 + random.Next(0, 900)),
                MeanRssi = -45 - random.Next(0, 45),
                RssiNoiseDb = 2 + (random.NextDouble() * 3),
                BatteryMv = 2600 + random.Next(0, 500),
                BatteryDrainMvPerHour = i % 3 == 0 ? 50 : 0,
                TemperatureC = 18 + (random.NextDouble() * 8),
                // iBeacons take configuration unlocked, Eddystone beacons locked with the simulated key; the rest are not connectable.
                Gatt = kind switch
                {
                    VirtualBeaconKind.IBeacon => new VirtualBeaconGatt(),
                    VirtualBeaconKind.Eddystone => new VirtualBeaconGatt { LockKey = SimulatedLockKey.ToArray() },
                    _ => null,
                },
                PresentFor = walker ? TimeSpan.FromSeconds(20) : null,
                AbsentFor = walker ? TimeSpan.FromSeconds(15) : null,
            });
        }

        return beacons;
    }
}

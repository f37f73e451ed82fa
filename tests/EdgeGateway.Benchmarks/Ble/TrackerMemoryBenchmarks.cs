using BenchmarkDotNet.Attributes;
using EdgeGateway.Edge.Tracking;
using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Emulation.Controller;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Benchmarks.Ble;

/// <summary>
/// Memory of the tracker holding 10,000 beacons: everything allocated to build it and hear each beacon
/// once (table, indexes, per-beacon state). Divide "Allocated" by 10,000 for bytes per beacon.
/// </summary>
[MemoryDiagnoser]
public class TrackerMemoryBenchmarks
{
    private const int Beacons = 10_000;
    private readonly byte[][] _data = new byte[Beacons][];

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Beacons; i++)
        {
            var buffer = new byte[31];
            var length = i % 2 == 0
                ? AdvertisingDataWriter.IBeacon(buffer, VirtualStore.FleetUuid, (ushort)(i >> 16), (ushort)i, -59)
                : AdvertisingDataWriter.EddystoneUid(buffer, -18, 0xEDD1, (ulong)i);
            _data[i] = buffer[..length];
        }
    }

    [Benchmark]
    public BeaconTracker TrackerWith10000Beacons()
    {
        var tracker = new BeaconTracker(new TrackingOptions { MaxBeacons = Beacons });
        var now = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < Beacons; i++)
        {
            AdvertisementDecoder.Decode(_data[i], out var ad);
            var report = new AdvertisingReport(0x10, 1, new BluetoothAddress(0xC0_0000_000000UL | (uint)i), -60, AdvertisingReport.NotAvailable, _data[i]);
            tracker.Observe(report, ad, now);
        }

        return tracker;
    }
}

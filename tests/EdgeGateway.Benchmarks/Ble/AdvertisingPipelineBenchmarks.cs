using BenchmarkDotNet.Attributes;
using EdgeGateway.Edge.Scanning;
using EdgeGateway.Edge.Tracking;
using EdgeGateway.Hardware.Ble.Decoders;
using EdgeGateway.Hardware.Emulation.Controller;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Benchmarks.Ble;

/// <summary>
/// The radio hot path: H4 bytes of LE advertising report events → framing → report parsing → AD decoding
/// → tracker update, for a realistic mix of frames from 500 beacons. Reported per advertising report.
/// </summary>
[MemoryDiagnoser]
public class AdvertisingPipelineBenchmarks
{
    private const int Reports = 2000;
    private byte[] _stream = [];
    private HciHost? _host;
    private ReportPipeline? _pipeline;

    [Params(false, true)]
    public bool Extended { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var bytes = new List<byte>();
        var packet = new byte[300];
        var data = new byte[31];
        for (var i = 0; i < Reports; i++)
        {
            var beacon = random.Next(500);
            var length = (beacon % 5) switch
            {
                0 => AdvertisingDataWriter.IBeacon(data, VirtualStore.FleetUuid, 1, (ushort)beacon, -59),
                1 => AdvertisingDataWriter.EddystoneUid(data, -18, 0xEDD1, (ulong)beacon),
                2 => AdvertisingDataWriter.EddystoneTlm(data, 3000 - (i % 100), 21.5, (uint)i, (uint)i * 10),
                3 => AdvertisingDataWriter.EddystoneUrl(data, EddystoneUrlFrame.FromUrl("https://example.com/", -18)!.Value),
                _ => AdvertisingDataWriter.RuuviRawV2(data, 21.0, 45.0, 101_325, (0, 0, 1), 2900, 4, 0, (ushort)i, (ulong)beacon),
            };
            var address = new BluetoothAddress(0xC0_0000_000000UL | (uint)beacon);
            var rssi = (sbyte)(-40 - random.Next(50));
            var n = Extended
                ? HciEventWriter.LeExtendedAdvertisingReport(packet, 0x0010, 1, address, AdvertisingReport.NotAvailable, rssi, data.AsSpan(0, length))
                : HciEventWriter.LeAdvertisingReport(packet, 3, 1, address, data.AsSpan(0, length), rssi);
            bytes.AddRange(packet.AsSpan(0, n));
        }

        _stream = [.. bytes];
        _pipeline = new ReportPipeline(new BeaconTracker(new TrackingOptions { MaxBeacons = 1024, LostAfter = TimeSpan.FromHours(1) }));
        _host = new HciHost(Stream.Null) { AdvertisingReportReceived = _pipeline.Handler };

        // Steady state: every beacon already known, so the measured loop only updates.
        _host.Receive(_stream);
    }

    [Benchmark(OperationsPerInvoke = Reports)]
    public void HciBytesToTrackerPerReport() => _host!.Receive(_stream);
}

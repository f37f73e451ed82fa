using System.Diagnostics;
using EdgeGateway.Edge.Scanning;
using EdgeGateway.Edge.Tracking;
using EdgeGateway.Hardware.Emulation.Controller;
using EdgeGateway.Hardware.Hci;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Edge.Tests.Scanning;

/// <summary>
/// Mutation fuzzing of the whole receive path (framing, report parsing, decoding, tracker with a tiny table)
/// for a bounded time: valid report events from the emulator's writers, mutated (bit flips, lying lengths,
/// truncation, inserted garbage) and split at random. Nothing may throw and the tracker must stay within bounds.
/// </summary>
public class ReportPipelineFuzzTests
{
    [Fact]
    public void Mutated_report_streams_never_break_the_pipeline()
    {
        var random = new Random(20261124);
        var tracker = new BeaconTracker(new TrackingOptions { MaxBeacons = 16, TrackUnknownDevices = true });
        var pipeline = new ReportPipeline(tracker);
        var host = new HciHost(Stream.Null) { AdvertisingReportReceived = pipeline.Handler };
        var heartbeats = new List<HeartbeatItem>();
        var packet = new byte[300];
        var data = new byte[31];
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            var length = Valid(random, packet, data);
            var bytes = packet.AsSpan(0, length).ToArray();
            switch (random.Next(6))
            {
                case 0:
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[random.Next(Math.Min(bytes.Length, 16))] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes = bytes[..random.Next(1, bytes.Length)];
                    break;
                case 3:
                    var garbage = new byte[random.Next(1, 40)];
                    random.NextBytes(garbage);
                    bytes = [.. garbage, .. bytes];
                    break;
            }

            for (var offset = 0; offset < bytes.Length;)
            {
                var chunk = Math.Min(bytes.Length - offset, random.Next(1, 80));
                host.Receive(bytes.AsSpan(offset, chunk));
                offset += chunk;
            }

            if (++rounds % 500 == 0)
            {
                heartbeats.Clear();
                tracker.Collect(DateTimeOffset.UtcNow.AddMinutes(rounds / 500), heartbeats);
            }
        }

        Assert.True(rounds > 1000, $"only {rounds} rounds in 2 s");
        Assert.InRange(tracker.Counters.Tracked, 0, 16);
        Assert.True(host.ReportsReceived > 0);
        Assert.True(host.InputErrors.Total > 0);
    }

    private static int Valid(Random random, byte[] packet, byte[] data)
    {
        var n = random.Next(6) switch
        {
            0 => AdvertisingDataWriter.IBeacon(data, Guid.NewGuid(), (ushort)random.Next(3), (ushort)random.Next(3), -59),
            1 => AdvertisingDataWriter.EddystoneUid(data, -18, (ulong)random.Next(4), (ulong)random.Next(4)),
            2 => AdvertisingDataWriter.EddystoneTlm(data, random.Next(2000, 3300), random.Next(-20, 40), 1, 1),
            3 => AdvertisingDataWriter.AltBeacon(data, 0x0118, Guid.Empty, 1, (ushort)random.Next(5), -60),
            4 => AdvertisingDataWriter.EddystoneEid(data, -20, (ulong)random.NextInt64()),
            _ => AdvertisingDataWriter.RuuviRawV2(data, 20, 40, 100_000, (0, 0, 1), 3000, 4, 1, 1, 0xAABBCCDDEEFF),
        };
        var address = new BluetoothAddress((ulong)random.Next(64));
        return random.Next(2) == 0
            ? HciEventWriter.LeAdvertisingReport(packet, 3, 1, address, data.AsSpan(0, n), (sbyte)random.Next(-100, 0))
            : HciEventWriter.LeExtendedAdvertisingReport(packet, 0x10, 1, address, 127, (sbyte)random.Next(-100, 0), data.AsSpan(0, n));
    }
}

using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Protocol.Streams;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Benchmarks.Outbox;

/// <summary>
/// Steady state at 200 beacons, online: one simulated hour of one heartbeat per beacon per minute, each
/// minute's 200 items appended (one durable tick), published and acknowledged, with the 30 s timer
/// checkpoint. Prints the bytes this process wrote (/proc/self/io: write_bytes reached the block layer,
/// wchar passed to write()) for the hour, which is what an SD card sees.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class OutboxDiskWearBenchmarks
{
    private const int Beacons = 200;

    [Benchmark]
    public void OneHourAt200Beacons()
    {
        var directory = Directory.CreateTempSubdirectory("egw-bench-wear-").FullName;
        var clock = new SimulatedClock();
        var samples = HeartbeatSamples.ForBeacons(Beacons);
        using (var outbox = new LiteDbOutbox(
                   Options.Create(new OutboxOptions { DatabasePath = Path.Combine(directory, "outbox.db") }), clock, NullLogger<LiteDbOutbox>.Instance))
        {
            outbox.FlushTick();
            var before = ReadIo();
            for (var minute = 0; minute < 60; minute++)
            {
                foreach (var sample in samples)
                {
                    _ = outbox.AppendAsync(StreamNames.Heartbeats, sample, OutboxPriority.Bulk, CancellationToken.None).AsTask();
                }

                outbox.FlushTick();
                while (outbox.TryTakeNextBatch(500, 128 * 1024, out var batch))
                {
                    outbox.Acknowledge(batch!);
                }

                clock.Advance(TimeSpan.FromSeconds(30));
                outbox.RunMaintenance();
                clock.Advance(TimeSpan.FromSeconds(30));
                outbox.RunMaintenance();
            }

            var after = ReadIo();
            Console.WriteLine(
                $"// disk wear: one hour at {Beacons} beacons: write_bytes {(after.WriteBytes - before.WriteBytes) / 1024} KiB, wchar {(after.Wchar - before.Wchar) / 1024} KiB, " +
                $"database file {new FileInfo(Path.Combine(directory, "outbox.db")).Length / 1024} KiB");
        }

        Directory.Delete(directory, recursive: true);
    }

    private static (long WriteBytes, long Wchar) ReadIo()
    {
        long writeBytes = 0, wchar = 0;
        foreach (var line in File.ReadLines("/proc/self/io"))
        {
            var parts = line.Split(':', StringSplitOptions.TrimEntries);
            if (parts[0] == "write_bytes")
            {
                writeBytes = long.Parse(parts[1], CultureInfo.InvariantCulture);
            }
            else if (parts[0] == "wchar")
            {
                wchar = long.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }

        return (writeBytes, wchar);
    }

    private sealed class SimulatedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}

using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Protocol.Streams;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Benchmarks.Outbox;

/// <summary>
/// A retention purge as the daemon meets it at 2,000 beacons: 15 minutes of acknowledged heartbeats (one tick a second,
/// 60 items each, 54,000 rows in 900 chunks) pass their retention at once and one maintenance pass deletes them. Times
/// the pass, and, from a second thread reading the outbox's gauges every 2 ms the way /metrics and the watchdog do, the
/// longest single wait for them: that wait is how long the page, /metrics and publishing stand still.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class OutboxPurgeBenchmarks
{
    private const int Ticks = 900;
    private const int ItemsPerTick = 60;

    private string _directory = "";
    private SimulatedClock _clock = new();
    private LiteDbOutbox? _outbox;

    [IterationSetup]
    public void FillAndAcknowledge()
    {
        _directory = Directory.CreateTempSubdirectory("egw-bench-purge-").FullName;
        _clock = new SimulatedClock();
        _outbox = new LiteDbOutbox(
            Options.Create(new OutboxOptions { DatabasePath = Path.Combine(_directory, "outbox.db") }), _clock, NullLogger<LiteDbOutbox>.Instance);
        var samples = HeartbeatSamples.ForBeacons(ItemsPerTick);
        for (var tick = 0; tick < Ticks; tick++)
        {
            foreach (var sample in samples)
            {
                _ = _outbox.AppendAsync(StreamNames.Heartbeats, sample, OutboxPriority.Bulk, CancellationToken.None).AsTask();
            }

            _outbox.FlushTick();
            while (_outbox.TryTakeNextBatch(500, 128 * 1024, out var batch))
            {
                _outbox.Acknowledge(batch!);
            }

            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        _clock.Advance(new OutboxOptions().RetainAcknowledged + TimeSpan.FromMinutes(1));
    }

    [Benchmark]
    public void PurgeFifteenMinutesOfHeartbeats()
    {
        var outbox = _outbox!;
        var retainedBefore = outbox.State.Retained;
        using var stop = new CancellationTokenSource();
        var longestWait = TimeSpan.Zero;
        var reader = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                _ = outbox.State;
                var waited = Stopwatch.GetElapsedTime(started);
                if (waited > longestWait)
                {
                    longestWait = waited;
                }

                Thread.Sleep(2);
            }
        });
        reader.Start();
        var pass = Stopwatch.StartNew();
        outbox.RunMaintenance();
        pass.Stop();
        stop.Cancel();
        reader.Join();
        Console.WriteLine(
            $"// purge: {retainedBefore} -> {outbox.State.Retained} retained rows in {pass.Elapsed.TotalMilliseconds:F0} ms; " +
            $"longest wait for the gauges {longestWait.TotalMilliseconds:F1} ms");
    }

    [IterationCleanup]
    public void Remove()
    {
        _outbox?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private sealed class SimulatedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}

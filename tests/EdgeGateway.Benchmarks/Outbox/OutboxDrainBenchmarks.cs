using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Edge.Uplink;
using EdgeGateway.Protocol.Streams;
using EdgeGateway.Testing.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Benchmarks.Outbox;

/// <summary>
/// A day offline at 200 beacons (288,000 heartbeats in the outbox) drained by the real uplink, with its
/// default settings (batches of 500 items / 56 KiB, 8 in flight, 200 publishes/s), to a real mosquitto on
/// loopback. The time is the whole drain; the process's resident memory is printed after each drain.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class OutboxDrainBenchmarks
{
    private const int Backlog = 288_000;
    private MosquittoBroker? _broker;
    private string _directory = string.Empty;
    private LiteDbOutbox? _outbox;
    private MqttUplink? _uplink;
    private CancellationTokenSource? _stop;
    private Task? _writer;

    [GlobalSetup]
    public void StartBroker() => _broker = MosquittoBroker.StartAsync().GetAwaiter().GetResult();

    [IterationSetup]
    public void FillOutbox()
    {
        _directory = Directory.CreateTempSubdirectory("egw-bench-drain-").FullName;
        _outbox = new LiteDbOutbox(
            Options.Create(new OutboxOptions { DatabasePath = Path.Combine(_directory, "outbox.db") }),
            TimeProvider.System,
            NullLogger<LiteDbOutbox>.Instance);
        var samples = HeartbeatSamples.ForBeacons(200);
        for (var i = 0; i < Backlog; i += 10_000)
        {
            for (var j = i; j < i + 10_000; j++)
            {
                _ = _outbox.AppendAsync(StreamNames.Heartbeats, samples[j % samples.Length], OutboxPriority.Bulk, CancellationToken.None).AsTask();
            }

            _outbox.FlushTick();
        }

        // The writer and its maintenance timer run as in the daemon: acknowledged rows are deleted in bulk by it.
        _stop = new CancellationTokenSource();
        _writer = _outbox.RunAsync(_stop.Token);
        var options = new UplinkOptions { GatewayId = "bench-drain", Host = _broker!.Host, Port = _broker.Port, UseTls = false };
        _uplink = new MqttUplink(
            Options.Create(options),
            _outbox,
            new CommandDispatcher([], TimeProvider.System, NullLogger<CommandDispatcher>.Instance),
            [],
            TimeProvider.System,
            NullLogger<MqttUplink>.Instance);
    }

    [Benchmark]
    public async Task Drain288kHeartbeats()
    {
        await _uplink!.StartAsync(CancellationToken.None);
        while (_outbox!.State.Backlog > 0)
        {
            await Task.Delay(20);
        }
    }

    [IterationCleanup]
    public void Close()
    {
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"// drain: resident memory after drain {self.WorkingSet64 / (1024 * 1024)} MiB, peak {self.PeakWorkingSet64 / (1024 * 1024)} MiB");
        _uplink!.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _uplink.Dispose();
        _stop!.Cancel();
        try
        {
            _writer!.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _outbox!.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [GlobalCleanup]
    public void StopBroker() => _broker!.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

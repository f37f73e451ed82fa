using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Protocol.Streams;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Benchmarks.Outbox;

/// <summary>
/// Sustained appends of heartbeat items through the real writer: group commit per tick, each tick committed
/// and checkpointed before its appenders are told "durable". Reported per item; items/s = 1 s / Mean.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class OutboxAppendBenchmarks
{
    private const int Items = 50_000;
    private byte[][] _samples = [];
    private string _directory = string.Empty;
    private LiteDbOutbox? _outbox;
    private CancellationTokenSource? _stop;
    private Task? _writer;

    [GlobalSetup]
    public void Setup() => _samples = HeartbeatSamples.ForBeacons(200);

    [IterationSetup]
    public void OpenFreshOutbox()
    {
        _directory = Directory.CreateTempSubdirectory("egw-bench-append-").FullName;
        _outbox = new LiteDbOutbox(
            Options.Create(new OutboxOptions { DatabasePath = Path.Combine(_directory, "outbox.db") }),
            TimeProvider.System,
            NullLogger<LiteDbOutbox>.Instance);
        _stop = new CancellationTokenSource();
        _writer = _outbox.RunAsync(_stop.Token);
    }

    /// <summary>200 beacons' heartbeats appended as fast as the outbox makes them durable.</summary>
    [Benchmark(OperationsPerInvoke = Items)]
    public async Task AppendDurable()
    {
        var pending = new List<Task>(Items);
        for (var i = 0; i < Items; i++)
        {
            pending.Add(_outbox!.AppendAsync(StreamNames.Heartbeats, _samples[i % _samples.Length], OutboxPriority.Bulk, CancellationToken.None).AsTask());
        }

        await Task.WhenAll(pending);
    }

    [IterationCleanup]
    public void Close()
    {
        _stop!.Cancel();
        try
        {
            _writer!.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }

        _outbox!.Dispose();
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using EdgeGateway.CloudBridge.Ingest;
using EdgeGateway.CloudBridge.Store.Postgres;
using EdgeGateway.Protocol.Streams;
using EdgeGateway.Testing.Postgres;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.Benchmarks.Bridge;

/// <summary>
/// Items per second the bridge's PostgreSQL store commits, per instance, with the ingest's batching:
/// each commit is one transaction of <see cref="EnvelopesPerBatch"/> envelopes of
/// <see cref="ItemsPerEnvelope"/> heartbeats (dedup + gap state + beacon upserts). With two instances the
/// envelopes are dealt alternately, as a shared subscription does, so both contend for the same
/// gateways' stream rows. One operation = one item of one instance; Op/s is items/s per instance
/// (all instances together commit Instances × that).
/// PostgreSQL runs with its durable defaults (fsync on, synchronous_commit on).
/// </summary>
[Config(typeof(ItemsPerSecondConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 6, invocationCount: 1)]
public class PostgresIngestBenchmarks
{
    private const int Gateways = 1000;
    private const int BeaconsPerGateway = 50;
    private const int ItemsPerEnvelope = 50;
    private const int EnvelopesPerBatch = 100;
    private const int BatchesPerInstance = 4;
    private const int ItemsPerInstance = ItemsPerEnvelope * EnvelopesPerBatch * BatchesPerInstance;

    private static readonly DateTimeOffset T0 = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    private readonly long[] _nextSeq = new long[Gateways];
    private PostgresServer? _server;
    private PostgresFleetStore[] _stores = [];
    private List<IngestMessage>[][] _work = [];
    private int _nextGateway;

    [Params(1, 2)]
    public int Instances { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (ExternalProgram.PostgresInitDb.Find() is null)
        {
            throw new InvalidOperationException(ExternalProgram.PostgresInitDb.MissingMessage());
        }

        _server = PostgresServer.StartAsync(durable: true).GetAwaiter().GetResult();
        var database = _server.CreateDatabaseAsync().GetAwaiter().GetResult();
        _stores = Enumerable.Range(0, Instances).Select(_ => new PostgresFleetStore(database, TimeProvider.System)).ToArray();
        _stores[0].InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    [IterationSetup]
    public void BuildBatches()
    {
        // Fresh sequence numbers every iteration, so every envelope is new work, never a duplicate.
        var envelopes = Enumerable.Range(0, ItemsPerInstance * Instances / ItemsPerEnvelope).Select(_ => NextEnvelope()).ToList();
        _work = Enumerable.Range(0, Instances)
            .Select(i => envelopes.Where((_, n) => n % Instances == i).Chunk(EnvelopesPerBatch).Select(c => c.ToList()).ToArray())
            .ToArray();
    }

    [Benchmark(OperationsPerInvoke = ItemsPerInstance)]
    public Task CommitItems() =>
        Task.WhenAll(Enumerable.Range(0, Instances).Select(async i =>
        {
            foreach (var batch in _work[i])
            {
                await _stores[i].CommitAsync(batch, CancellationToken.None);
            }
        }));

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var store in _stores)
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private IngestMessage NextEnvelope()
    {
        var g = _nextGateway++ % Gateways;
        var gateway = $"gw-{g:D5}";
        // The gateway numbers items: the envelope starts at its first item's sequence number.
        var seq = _nextSeq[g] + 1;
        _nextSeq[g] += ItemsPerEnvelope;
        var seen = T0.AddSeconds(seq);
        var items = Enumerable.Range(0, ItemsPerEnvelope).Select(i => new HeartbeatItem
        {
            BeaconId = $"{gateway}-b{i % BeaconsPerGateway:D2}",
            Reason = HeartbeatReasons.Periodic,
            At = seen,
            FirstSeen = T0,
            LastSeen = seen,
            Count = seq,
            RssiLast = -50 - i,
            BatteryMv = 3000,
            TemperatureC = 21.5,
            Frames = ["ibeacon"],
        }).ToArray();
        return IngestMessage.Envelope(gateway, StreamNames.Heartbeats, seq, seen, items.Length, 0, items, []);
    }

    private sealed class ItemsPerSecondConfig : ManualConfig
    {
        public ItemsPerSecondConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}

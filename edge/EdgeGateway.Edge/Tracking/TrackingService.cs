using System.Text.Json;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Streams;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Tracking;

/// <summary>
/// Moves the tracker's heartbeats into the outbox: every <see cref="TrackingOptions.CollectEvery"/> it collects
/// what is due (new, changed, lost, periodic) and appends each as one item of the `heartbeats` stream with
/// bulk priority, the whole tick at once. An outbox failure is logged and counted; the beacon's next heartbeat
/// carries its state again.
/// </summary>
public sealed class TrackingService(
    BeaconTracker tracker,
    IOutbox outbox,
    IOptions<TrackingOptions> options,
    TimeProvider timeProvider,
    ILogger<TrackingService> logger) : BackgroundService
{
    private readonly List<HeartbeatItem> _batch = [];
    private readonly List<(HeartbeatItem Heartbeat, Task Durable)> _appends = [];
    private long _appended;
    private long _appendFailures;

    /// <summary>Heartbeats handed to the outbox.</summary>
    public long Appended => Interlocked.Read(ref _appended);

    /// <summary>Heartbeats the outbox refused.</summary>
    public long AppendFailures => Interlocked.Read(ref _appendFailures);

    /// <summary>Collects and appends what is due now; the loop calls this on every tick (tests call it directly).</summary>
    public async Task<int> CollectOnceAsync(CancellationToken cancellationToken)
    {
        _batch.Clear();
        _appends.Clear();
        tracker.Collect(timeProvider.GetUtcNow(), _batch);

        // Every heartbeat of the tick is handed over before any is awaited, so the outbox writes the tick as one
        // transaction. Awaiting each in turn cost one append linger + commit + checkpoint per heartbeat: at 1,000
        // beacons on a loaded machine that queued heartbeats for seconds (docs/PERFORMANCE.md, end-to-end latency).
        foreach (var heartbeat in _batch)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(heartbeat, ProtocolJsonContext.Default.HeartbeatItem);
            try
            {
                _appends.Add((heartbeat, outbox.AppendAsync(StreamNames.Heartbeats, json, OutboxPriority.Bulk, cancellationToken).AsTask()));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                NoteFailure(heartbeat, ex);
            }
        }

        foreach (var (heartbeat, durable) in _appends)
        {
            try
            {
                await durable;
                Interlocked.Increment(ref _appended);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                NoteFailure(heartbeat, ex);
            }
        }

        _appends.Clear();
        return _batch.Count;
    }

    private void NoteFailure(HeartbeatItem heartbeat, Exception ex)
    {
        // The outbox is the durable boundary; if it refuses, the tracker still holds the state and resends it.
        if (Interlocked.Increment(ref _appendFailures) == 1)
        {
            logger.LogError(ex, "Outbox refused heartbeat of {BeaconId}: {Reason} (further failures are only counted)", heartbeat.BeaconId, ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CollectEvery, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CollectOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

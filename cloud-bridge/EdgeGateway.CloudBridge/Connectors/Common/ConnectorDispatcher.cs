using EdgeGateway.CloudBridge.Config;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// Drains each connector's queue on its own loop: hands the oldest batch to the connector, removes it when
/// the connector returns, keeps it and waits when the connector throws. The wait doubles from
/// Connectors:BackoffMinMs to BackoffMaxMs (with jitter), or is what the platform asked for (Retry-After)
/// or how long its circuit stays open. One connector's outage never holds up another's loop.
/// </summary>
internal sealed partial class ConnectorDispatcher(
    ConnectorBacklog queue, IReadOnlyList<ConnectorRegistration> registrations, ConnectorStatusBoard board,
    BridgeOptions options, TimeProvider time, ILogger<ConnectorDispatcher> logger) : BackgroundService
{
    /// <summary>How often an idle loop looks at its queue even without a wake-up (events enqueued by an earlier run).</summary>
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = queue.Connectors.Select(c => Task.Run(() => RunAsync(c, stoppingToken), CancellationToken.None)).ToList();
        return Task.WhenAll(loops);
    }

    private async Task RunAsync(IConnector connector, CancellationToken cancellationToken)
    {
        var batchSize = registrations.FirstOrDefault(r => r.Name == connector.Name)?.Options.BatchSize ?? 100;
        var failures = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = queue.Peek(connector.Name, batchSize);
                if (batch.Count == 0)
                {
                    await queue.WaitAsync(connector.Name, IdlePoll, cancellationToken);
                    continue;
                }

                try
                {
                    await connector.HandleAsync([.. batch.Select(q => q.Event)], cancellationToken);
                    queue.Complete(connector.Name, batch[^1].Id);
                    board.RecordDelivered(connector.Name, batch.Count);
                    if (failures > 0)
                    {
                        LogResumed(connector.Name, failures);
                    }

                    failures = 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures++;
                    var wait = Backoff(failures, ex);
                    var message = ex is PlatformException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
                    board.RecordFailure(connector.Name, message);
                    LogKept(connector.Name, batch.Count, wait.TotalMilliseconds, message);
                    await Task.Delay(wait, time, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping: whatever is queued stays queued
        }
    }

    private TimeSpan Backoff(int failures, Exception ex)
    {
        if (ex is PlatformException { RetryAfter: { } asked })
        {
            return asked;
        }

        var min = options.Connectors.BackoffMinMs;
        var max = options.Connectors.BackoffMaxMs;
        var exponential = Math.Min(max, min * Math.Pow(2, Math.Min(failures - 1, 30)));
        // Jitter (±20 %) keeps bridges from hammering a recovering platform in lockstep.
        return TimeSpan.FromMilliseconds(exponential * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Connector}: {Count} events kept, next attempt in {WaitMs:F0} ms: {Reason}")]
    private partial void LogKept(string connector, int count, double waitMs, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {Connector}: delivering again after {Failures} failed attempts")]
    private partial void LogResumed(string connector, int failures);
}

using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Edge.Outbox;

/// <summary>Runs the outbox's writer and timers for the lifetime of the host.</summary>
public sealed class OutboxService(LiteDbOutbox outbox) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await outbox.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Appends that arrived during shutdown are made durable before the host disposes the database.
        outbox.FlushTick();
    }
}

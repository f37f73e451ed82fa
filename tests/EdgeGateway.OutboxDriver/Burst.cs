using System.Text;
using EdgeGateway.Edge.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeGateway.OutboxDriver;

/// <summary>Appends the burst in chunks and reports on stdout how far it is durable.</summary>
internal sealed class Burst(IOutbox outbox, IOptions<BurstOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var burst = options.Value;
        var end = burst.From + burst.Count;
        for (var start = burst.From; start < end; start += burst.Chunk)
        {
            var last = Math.Min(end, start + burst.Chunk) - 1;
            var appends = new List<Task>(burst.Chunk);
            for (var n = start; n <= last; n++)
            {
                appends.Add(outbox.AppendAsync(burst.Stream, Encoding.UTF8.GetBytes($"{{\"n\":{n}}}"), OutboxPriority.Bulk, stoppingToken).AsTask());
            }

            await Task.WhenAll(appends);
            await Console.Out.WriteLineAsync($"durable {last}");
            await Console.Out.FlushAsync(stoppingToken);
        }

        await Console.Out.WriteLineAsync("burst-done");
        await Console.Out.FlushAsync(stoppingToken);
    }
}

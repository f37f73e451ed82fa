using System.Text.Json;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Protocol.Streams;
using EdgeGateway.Protocol.Topics;
using EdgeGateway.Testing.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeGateway.EndToEnd.Uplink;

/// <summary>The gateway process killed with SIGKILL (power cut, OOM killer) and started again, on a real broker.</summary>
public class CrashRecoveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Killed_at_random_points_during_a_burst_every_item_arrives_exactly_once_after_dedup()
    {
        var ct = TestContext.Current.CancellationToken;
        const int total = 4_000;
        const string gatewayId = "gw-crash";
        await using var broker = await MosquittoBroker.StartAsync(cancellationToken: ct);
        await using var cloud = await UpCollector.StartAsync(broker, ct);
        var directory = Directory.CreateTempSubdirectory("egw-crash-").FullName;
        var database = Path.Combine(directory, "outbox.db");
        var random = new Random(20261124);
        var next = 0;
        var reportedDurable = new List<int>();
        long lastSession = 0;

        for (var round = 0; round < 4 && next < total; round++)
        {
            await using var driver = DriverProcess.Start(broker, gatewayId, database, next, total - next);
            var session = await WaitForStatusAsync(cloud, gatewayId, online: true, after: lastSession, ct);
            Assert.True(session > lastSession, "each connect carries a higher session number");
            lastSession = session;

            await driver.WaitForDurableLinesAsync(random.Next(1, 20), ct);
            driver.Kill();
            if (driver.LastDurable is { } durable)
            {
                reportedDurable.Add(durable);
            }

            // The last will of exactly this session is what the broker publishes for the cut connection.
            Assert.Equal(session, await WaitForStatusAsync(cloud, gatewayId, online: false, after: session - 1, ct));
            await Task.Delay(500, ct); // messages the broker acknowledged reach the collector
            next = Math.Max(MaxStored(database), cloud.Items.Select(i => i.N).DefaultIfEmpty(-1).Max()) + 1;
            Assert.True(next > (driver.LastDurable ?? -1), $"item {driver.LastDurable} was reported durable but is neither stored nor delivered");
        }

        await using (var last = DriverProcess.Start(broker, gatewayId, database, next, total - next))
        {
            await last.WaitForDurableLinesAsync(int.MaxValue, ct);
            Assert.True(last.BurstDone);
            await cloud.WaitForDistinctAsync(total, Patience, ct);
        }

        cloud.AssertInOrderWithoutGaps(StreamNames.Heartbeats, total);
        var delivered = cloud.Distinct().Select(i => i.N).Order().ToList();
        Assert.Equal(Enumerable.Range(0, total), delivered); // every item once: no loss, no double append
        Assert.NotEmpty(reportedDurable);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task The_last_will_marks_a_cut_connection_offline_and_a_will_is_never_newer_than_the_next_birth()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoBroker.StartAsync(cancellationToken: ct);
        await using var cloud = await UpCollector.StartAsync(broker, ct);
        var directory = Directory.CreateTempSubdirectory("egw-will-").FullName;
        var database = Path.Combine(directory, "outbox.db");

        long first;
        await using (var driver = DriverProcess.Start(broker, "gw-will", database, 0, 0))
        {
            first = await WaitForStatusAsync(cloud, "gw-will", online: true, after: 0, ct);
            driver.Kill();
            Assert.Equal(first, await WaitForStatusAsync(cloud, "gw-will", online: false, after: first - 1, ct));
        }

        await using (DriverProcess.Start(broker, "gw-will", database, 0, 0))
        {
            var second = await WaitForStatusAsync(cloud, "gw-will", online: true, after: first, ct);
            Assert.True(second > first);
        }

        Directory.Delete(directory, recursive: true);
    }

    /// <summary>Waits for a status message with the given online flag and a session above <paramref name="after"/>; returns its session.</summary>
    private static async Task<long> WaitForStatusAsync(UpCollector cloud, string gatewayId, bool online, long after, CancellationToken ct)
    {
        var payload = await cloud.WaitForMessageAsync(
            (topic, body) =>
            {
                if (topic != GatewayTopics.Status(gatewayId) || body.Length == 0)
                {
                    return false;
                }

                using var doc = JsonDocument.Parse(body);
                return doc.RootElement.GetProperty("online").GetBoolean() == online &&
                       doc.RootElement.GetProperty("session").GetInt64() > after;
            },
            Patience,
            ct);
        using var status = JsonDocument.Parse(payload);
        return status.RootElement.GetProperty("session").GetInt64();
    }

    /// <summary>The highest item number still in the outbox file (read with the real outbox, which changes nothing by reading).</summary>
    private static int MaxStored(string database)
    {
        using var outbox = new LiteDbOutbox(
            Options.Create(new OutboxOptions { DatabasePath = database }), TimeProvider.System, NullLogger<LiteDbOutbox>.Instance);
        var max = -1;
        while (outbox.TryTakeNextBatch(1_000, long.MaxValue, out var batch))
        {
            foreach (var row in batch!.Rows)
            {
                using var item = JsonDocument.Parse(row.Json);
                max = Math.Max(max, item.RootElement.GetProperty("n").GetInt32());
            }
        }

        return max;
    }
}

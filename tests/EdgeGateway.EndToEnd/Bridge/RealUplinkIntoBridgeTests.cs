using System.Globalization;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.EndToEnd.Uplink;
using EdgeGateway.Protocol.Streams;
using EdgeGateway.Testing.Mqtt;
using EdgeGateway.Testing.Postgres;
using Npgsql;

namespace EdgeGateway.EndToEnd.Bridge;

/// <summary>
/// The REAL gateway outbox and uplink publishing through a real mosquitto into a running bridge process on
/// PostgreSQL. The broker goes down mid-burst; the uplink resends from its first unacknowledged item, cut into
/// batches afresh, the broker redelivers what the bridge had not acknowledged, and the bridge's per-item dedup
/// must end with every item stored exactly once. mosquitto 2.0.11 also drops, for the bridge's SHARED subscription,
/// whatever the gateway publishes between the restart and the bridge's resubscribe (PUBACKed to the gateway all the
/// same: see MosquittoSharedSubscriptionRestartTests); gap repair (outbox.resend of retained acknowledged items)
/// must bring those back.
/// </summary>
public sealed class RealUplinkIntoBridgeTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int Chunks = 40;
    private const int ItemsPerChunk = 250;

    /// <summary>The burst, then one chunk appended once the bridge is back (a shop's heartbeats keep coming).</summary>
    private const long TotalItems = (Chunks + 1) * ItemsPerChunk;

    private const string GatewayId = "gw-real";

    // Short repair timings so a lost window is asked for within seconds, not the production 20 s / 60 s.
    private static readonly string[] QuickRepair = ["Repair:GraceSeconds=2", "Repair:RetrySeconds=5", "Repair:ScanIntervalMs=250"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_broker_restart_mid_burst_leaves_every_uplink_item_stored_exactly_once()
    {
        await RestartMidBurstAsync(bridgeDownAcrossRestart: false);
    }

    [Fact]
    public async Task A_bridge_back_only_after_the_gateway_drained_across_a_broker_restart_gets_the_lost_items_back_by_gap_repair()
    {
        // The bridge is away from before the broker stops until the gateway has published (and been PUBACKed) everything
        // since the restart: with mosquitto 2.0.11 all of that is dropped for the shared group, so repair must bring it back.
        var bridge = await RestartMidBurstAsync(bridgeDownAcrossRestart: true);

        Assert.True(bridge.Requests >= 1, $"the bridge asked for a resend ({bridge.Requests} requests)\n{bridge.Output}");
        Assert.True(bridge.Resent >= 1, $"the gateway resent retained items ({bridge.Resent})\n{bridge.Output}");
    }

    private async Task<(double Requests, double Resent, string Output)> RestartMidBurstAsync(bool bridgeDownAcrossRestart)
    {
        // Persistence keeps the bridge's session (queued and unacknowledged messages) across the restart. Without it
        // a broker that goes away loses messages it had already acknowledged to the gateway but not yet delivered;
        // gap repair would then have to bring back everything in flight, not only the resubscribe window.
        await using var broker = await MosquittoBroker.StartAsync(
            new MosquittoOptions { GlobalConfiguration = "persistence true\npersistence_location {dir}/\nmax_queued_messages 0" }, Ct);
        var database = await postgres.CreateDatabaseAsync();
        await using var bridge = await BridgeProcess.StartAsync(broker.Port, "bridge-uplink", "uplink", database, QuickRepair);
        await using var gateway = new GatewayUnderTest(GatewayUnderTest.PlainOptions(GatewayId, broker.Host, broker.Port));
        await gateway.StartAsync(Ct);

        var burst = Task.Run(
            async () =>
            {
                for (var chunk = 0; chunk < Chunks; chunk++)
                {
                    await gateway.AppendAsync(StreamNames.Events, chunk * ItemsPerChunk, ItemsPerChunk, OutboxPriority.Bulk, Ct);
                    await Task.Delay(25, Ct);
                }
            },
            Ct);
        await WaitUntilAsync(async () => await StreamAsync(database, "items") >= TotalItems / 5, $"a fifth of the burst is stored\n{bridge.Output}");
        if (bridgeDownAcrossRestart)
        {
            bridge.Kill();
        }

        await broker.StopAsync();
        await Task.Delay(1_000, Ct);
        await broker.RestartAsync(Ct);
        await burst;
        if (bridgeDownAcrossRestart)
        {
            await WaitUntilAsync(() => Task.FromResult(gateway.Outbox.State.Backlog == 0), () => $"the gateway has published everything ({gateway.Outbox.State})");
            await bridge.StartAgainAsync();
        }

        // Items lost after the gateway's birth with nothing behind them would be an invisible tail until the next
        // item or birth; the next chunk, once the bridge is subscribed again, makes any loss a gap.
        var connects = bridgeDownAcrossRestart ? 1 : 2;
        await WaitUntilAsync(async () => await bridge.MetricAsync("edgegw_bridge_mqtt_connects_total") >= connects, $"the bridge reconnects\n{bridge.Output}");
        await gateway.AppendAsync(StreamNames.Events, Chunks * ItemsPerChunk, ItemsPerChunk, OutboxPriority.Bulk, Ct);
        await WaitUntilAsync(
            async () => await StreamAsync(database, "high_water") >= TotalItems && await StreamAsync(database, "open_gaps") == 0,
            () => $"every item is stored (uplink: {gateway.Uplink.State}, outbox: {gateway.Outbox.State})\nbridge:\n{bridge.Output}\nbroker:\n{broker.Output}");

        Assert.True(gateway.Uplink.State.Reconnects >= 1);
        Assert.Equal(TotalItems, await StreamAsync(database, "items"));
        Assert.Equal(TotalItems, await StreamAsync(database, "high_water"));
        Assert.Equal(0, await StreamAsync(database, "missing"));
        Assert.Equal(0, await StreamAsync(database, "lost_items"));
        if (!bridgeDownAcrossRestart)
        {
            // a restarted bridge process starts its counters at zero
            Assert.Equal(TotalItems, (long)await bridge.MetricAsync("edgegw_bridge_items_total{stream=\"events\"}"));
        }
        else
        {
            // the command result may arrive after the resent items it announces
            await WaitUntilAsync(async () => await bridge.MetricAsync("edgegw_bridge_repair_resent_items_total") >= 1, $"the resend is answered\n{bridge.Output}");
        }

        return (await bridge.MetricAsync("edgegw_bridge_repair_requests_total"), await bridge.MetricAsync("edgegw_bridge_repair_resent_items_total"), bridge.Output);
    }

    private static async Task<long> StreamAsync(string database, string column)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"SELECT coalesce(max({column}), 0)::bigint FROM streams WHERE gateway_id = @gw AND stream = @s", connection);
        command.Parameters.AddWithValue("gw", GatewayId);
        command.Parameters.AddWithValue("s", StreamNames.Events);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) => WaitUntilAsync(condition, () => what);

    /// <summary>Waits for <paramref name="condition"/>; <paramref name="describe"/> runs at the timeout, so logs show the state then.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"timed out waiting until {describe()}");
            }

            await Task.Delay(50, Ct);
        }
    }
}

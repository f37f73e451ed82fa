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
/// must end with every item stored exactly once.
/// </summary>
public sealed class RealUplinkIntoBridgeTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int Chunks = 40;
    private const int ItemsPerChunk = 250;
    private const long TotalItems = Chunks * ItemsPerChunk;
    private const string GatewayId = "gw-real";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Quarantined, cause found: mosquitto 2.0.11 (Debian 12) does not restore SHARED subscriptions from its persistence
    // file. After the restart, whatever the gateway publishes before the bridge has resubscribed is PUBACKed and dropped
    // (reproduced with mosquitto_sub/pub; plain subscriptions keep theirs). The bridge then sees a gap it cannot close.
    // Re-enabled together with gap repair (the bridge asks the gateway to resend from its retained acknowledged items).
    [Fact(Skip = "mosquitto 2.0.11 drops messages for shared subscriptions after a restart until resubscribe; needs gap repair")]
    public async Task A_broker_restart_mid_burst_leaves_every_uplink_item_stored_exactly_once()
    {
        // Persistence keeps the bridge's session (queued and unacknowledged messages) across the restart. Without it
        // a broker that goes away loses messages it had already acknowledged to the gateway but not yet delivered,
        // which no resend can bring back; that is a broker deployment matter, not something dedup can repair.
        await using var broker = await MosquittoBroker.StartAsync(
            new MosquittoOptions { GlobalConfiguration = "persistence true\npersistence_location {dir}/\nmax_queued_messages 0" }, Ct);
        var database = await postgres.CreateDatabaseAsync();
        await using var bridge = await BridgeProcess.StartAsync(broker.Port, "bridge-uplink", "uplink", database);
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
        await broker.StopAsync();
        await Task.Delay(1_000, Ct);
        await broker.RestartAsync(Ct);
        await burst;
        await WaitUntilAsync(
            async () => await StreamAsync(database, "high_water") >= TotalItems && await StreamAsync(database, "open_gaps") == 0,
            () => $"every item is stored (uplink: {gateway.Uplink.State})\nbridge:\n{bridge.Output}\nbroker:\n{broker.Output}");

        Assert.True(gateway.Uplink.State.Reconnects >= 1);
        Assert.Equal(TotalItems, await StreamAsync(database, "items"));
        Assert.Equal(TotalItems, await StreamAsync(database, "high_water"));
        Assert.Equal(0, await StreamAsync(database, "missing"));
        Assert.Equal(TotalItems, (long)await bridge.MetricAsync("edgegw_bridge_items_total{stream=\"events\"}"));
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

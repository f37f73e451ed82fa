using System.Globalization;
using System.Text;
using EdgeGateway.Testing.Mqtt;
using EdgeGateway.Testing.Postgres;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Npgsql;

namespace EdgeGateway.EndToEnd.Bridge;

/// <summary>
/// Two bridge processes on one MQTT 5 shared subscription of a real mosquitto, one PostgreSQL: a burst
/// from many simulated gateways is split between them, every item is stored exactly once, and SIGKILLing
/// one instance mid-burst loses nothing — its unacknowledged messages come back when it reconnects
/// with the same client id, and the dedup absorbs what it had committed but not yet acknowledged.
/// </summary>
public sealed class SharedSubscriptionScaleTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int Gateways = 40;
    private const int EnvelopesPerGateway = 50;
    private const int ItemsPerEnvelope = 10;
    private const long TotalItems = Gateways * EnvelopesPerGateway * ItemsPerEnvelope;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<MosquittoBroker> StartBrokerAsync() =>
        // Mosquitto queues a shared subscription's messages for an offline persistent session; the default
        // cap of 1000 would drop the killed instance's share of this burst.
        MosquittoBroker.StartAsync(new MosquittoOptions { ExtraConfiguration = "max_queued_messages 0" }, Ct);

    [Fact]
    public async Task Two_instances_split_a_burst_and_store_every_item_exactly_once()
    {
        await using var broker = await StartBrokerAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var a = await BridgeProcess.StartAsync(broker.Port, "bridge-a", "scale", database);
        await using var b = await BridgeProcess.StartAsync(broker.Port, "bridge-b", "scale", database);

        await PublishBurstAsync(broker.Port, redeliverEvery: 10);
        await WaitForAllItemsAsync(database, a, b);

        var itemsA = await a.MetricAsync("edgegw_bridge_items_total{stream=\"heartbeats\"}");
        var itemsB = await b.MetricAsync("edgegw_bridge_items_total{stream=\"heartbeats\"}");
        Assert.Equal(TotalItems, (long)(itemsA + itemsB));
        Assert.InRange(itemsA / TotalItems, 0.2, 0.8);
        await AssertExactlyOnceAsync(database);
    }

    [Fact]
    public async Task Killing_one_instance_mid_burst_loses_nothing_and_counts_nothing_twice()
    {
        await using var broker = await StartBrokerAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var a = await BridgeProcess.StartAsync(broker.Port, "bridge-a", "scale", database);
        await using var b = await BridgeProcess.StartAsync(broker.Port, "bridge-b", "scale", database);

        var burst = PublishBurstAsync(broker.Port, redeliverEvery: 0);
        await WaitUntilAsync(async () => await StoredItemsAsync(database) >= TotalItems / 5, $"a fifth of the burst is stored\n{a.Output}\n{b.Output}");
        b.Kill();
        await burst;
        var withoutB = await StoredItemsAsync(database);
        await b.StartAgainAsync();
        await WaitForAllItemsAsync(database, a, b);

        Assert.True(withoutB < TotalItems, $"instance B's share should wait for it, but {withoutB} of {TotalItems} were stored without it");
        await AssertExactlyOnceAsync(database);
    }

    private static async Task PublishBurstAsync(int port, int redeliverEvery)
    {
        var factory = new MqttClientFactory();
        var at = new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);
        await Parallel.ForEachAsync(Enumerable.Range(0, Gateways), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (g, ct) =>
        {
            var gatewayId = $"gw-{g:D4}";
            using var client = factory.CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
                .WithProtocolVersion(MqttProtocolVersion.V500).WithClientId(gatewayId).Build(), ct);
            for (var envelope = 1; envelope <= EnvelopesPerGateway; envelope++)
            {
                // The gateway numbers items: envelope n starts at the sequence number of its first item.
                var seq = ((envelope - 1) * ItemsPerEnvelope) + 1;
                var items = string.Join(',', Enumerable.Range(0, ItemsPerEnvelope).Select(i =>
                    $$"""{"beaconId":"{{gatewayId}}-b{{i}}","reason":"periodic","at":"{{at}}","firstSeen":"{{at}}","lastSeen":"{{at}}","count":1,"rssiLast":-60,"batteryMv":3000}"""));
                var payload = Encoding.UTF8.GetBytes(
                    $$"""{"v":1,"gatewayId":"{{gatewayId}}","stream":"heartbeats","seq":{{seq}},"sentAt":"{{at}}","items":[{{items}}]}""");
                var message = new MqttApplicationMessageBuilder().WithTopic($"gw/v1/{gatewayId}/up/heartbeats").WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                await client.PublishAsync(message, ct);
                if (redeliverEvery > 0 && envelope % redeliverEvery == 0)
                {
                    await client.PublishAsync(message, ct); // an outbox resend after a lost PUBACK
                }
            }

            await client.DisconnectAsync(cancellationToken: ct);
        });
    }

    private static async Task<long> StoredItemsAsync(string database) =>
        await ScalarAsync(database, "SELECT coalesce(sum(items), 0)::bigint FROM streams");

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }

    private static Task WaitForAllItemsAsync(string database, BridgeProcess a, BridgeProcess b) =>
        WaitUntilAsync(async () => await StoredItemsAsync(database) >= TotalItems, $"all {TotalItems} items are stored\nA:\n{a.Output}\nB:\n{b.Output}", TimeSpan.FromSeconds(120));

    private static async Task AssertExactlyOnceAsync(string database)
    {
        Assert.Equal(TotalItems, await StoredItemsAsync(database));
        Assert.Equal(TotalItems, await ScalarAsync(database, "SELECT sum(heartbeats)::bigint FROM beacons"));
        Assert.Equal(Gateways, await ScalarAsync(database, $"SELECT count(*) FROM streams WHERE high_water = {EnvelopesPerGateway * ItemsPerEnvelope} AND open_gaps = 0 AND envelopes = {EnvelopesPerGateway}"));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(20, Ct);
        }
    }
}

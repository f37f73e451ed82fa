using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.CloudBridge.Tests.Support;
using EdgeGateway.Testing.Mqtt;
using EdgeGateway.Testing.Postgres;
using static EdgeGateway.CloudBridge.Tests.Support.Messages;

namespace EdgeGateway.CloudBridge.Tests.Ingest;

/// <summary>
/// Manual acknowledgement, proven with real parts: while PostgreSQL is down nothing is committed, so
/// nothing may be acknowledged; the bridge is then stopped and a new process of the same instance
/// (same client id, so the same broker session) finds every message waiting once the database is back.
/// </summary>
public sealed class StoreOutageTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    [Fact]
    public async Task Messages_received_while_the_store_is_down_are_not_acknowledged_and_come_back()
    {
        var ct = TestContext.Current.CancellationToken;
        var broker = mosquitto.Broker;
        await using var postgres = await PostgresServer.StartAsync(cancellationToken: ct);
        var database = await postgres.CreateDatabaseAsync(ct);
        var clientId = $"bridge-{Guid.NewGuid():N}";
        var group = $"g{Guid.NewGuid():N}";
        void Configure(BridgeOptions o)
        {
            o.Mqtt.ClientId = clientId;
            o.Mqtt.SharedGroup = group;
            o.Store.Kind = StoreOptions.PostgresKind;
            o.Store.PostgresConnectionString = database;
            o.Ingest.RetryDelayMs = 50;
        }

        await using var gateway = await SimulatedGateway.ConnectAsync(broker.Port, "gw-outage");
        var first = await BridgeUnderTest.StartAsync(broker.Port, Configure);
        await first.WaitConnectedAsync();
        await gateway.PublishHeartbeatsAsync(1, Heartbeat("b-1"));
        await Eventually.TrueAsync(() => Task.FromResult(first.Metrics.Get("edgegw_bridge_commits_total") >= 1), "the first envelope is committed");

        await postgres.StopAsync(ct);
        for (var seq = 2; seq <= 11; seq++)
        {
            await gateway.PublishHeartbeatsAsync(seq, Heartbeat("b-1"));
        }

        await Eventually.TrueAsync(() => Task.FromResult(first.Metrics.Get("edgegw_bridge_commit_failures_total") >= 2), "commits fail while the store is down");
        var pending = first.Metrics.Get("edgegw_bridge_pending_messages");
        await first.DisposeAsync();
        await postgres.StartAgainAsync(ct);
        await using var second = await BridgeUnderTest.StartAsync(broker.Port, Configure);
        await Eventually.TrueAsync(
            async () => (await second.GetJsonAsync("/api/v1/streams/?gateway_id=gw-outage")).GetProperty("results")[0].GetProperty("high_water").GetInt32() == 11,
            "the 10 unacknowledged envelopes are redelivered and stored");

        var stream = (await second.GetJsonAsync("/api/v1/streams/?gateway_id=gw-outage")).GetProperty("results")[0];
        var beacon = (await second.GetJsonAsync("/api/v1/beacons/?beacon_id=b-1")).GetProperty("results")[0];
        Assert.True(pending >= 10, $"{pending} messages pending while the store was down");
        Assert.Equal((11, 0, 11), (stream.GetProperty("envelopes").GetInt32(), stream.GetProperty("open_gaps").GetInt32(), beacon.GetProperty("heartbeats").GetInt32()));
        Assert.Equal(0, second.Metrics.Get("edgegw_bridge_messages_total", BridgeMetrics.Labels(("kind", "envelope"), ("outcome", "rejected"))));
    }
}

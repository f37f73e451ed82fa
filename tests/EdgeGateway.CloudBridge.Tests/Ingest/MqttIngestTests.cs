using System.Text;
using System.Text.Json;
using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.CloudBridge.Tests.Support;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Topics;
using EdgeGateway.Testing.Mqtt;
using static EdgeGateway.CloudBridge.Tests.Support.Messages;

namespace EdgeGateway.CloudBridge.Tests.Ingest;

/// <summary>The ingest path end to end on a real mosquitto: simulated gateways publish, the bridge stores, the API shows it.</summary>
public sealed class MqttIngestTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    private static double Stored(BridgeUnderTest bridge, string kind) =>
        bridge.Metrics.Get("edgegw_bridge_messages_total", BridgeMetrics.Labels(("kind", kind), ("outcome", "stored")));

    private static double Messages(BridgeUnderTest bridge) =>
        new[] { "stored", "duplicate", "stale", "rejected" }.Sum(outcome =>
            new[] { "envelope", "status", "reported", "rejected" }.Sum(kind =>
                bridge.Metrics.Get("edgegw_bridge_messages_total", BridgeMetrics.Labels(("kind", kind), ("outcome", outcome)))));

    [Fact]
    public async Task Envelopes_are_stored_once_even_when_the_gateway_sends_them_twice()
    {
        var broker = mosquitto.Broker;
        await using var bridge = await BridgeUnderTest.StartAsync(broker.Port);
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(broker.Port, "gw-dup");

        await gateway.PublishBirthAsync(1, "shop-dup");
        await gateway.PublishHeartbeatsAsync(1, Heartbeat("b-1"), Heartbeat("b-2"));
        await gateway.PublishHeartbeatsAsync(3, Heartbeat("b-1"));
        // after a reconnect the outbox resends from the first unacknowledged item, cut into batches anew
        await gateway.PublishHeartbeatsAsync(2, Heartbeat("b-2"), Heartbeat("b-1"));
        await Eventually.TrueAsync(() => Task.FromResult(Messages(bridge) >= 4), "4 messages are committed");

        var beacons = await bridge.GetJsonAsync("/api/v1/beacons/?site=shop-dup&ordering=beacon_id");
        var stream = await bridge.GetJsonAsync("/api/v1/streams/?gateway_id=gw-dup");
        Assert.Equal(2, beacons.GetProperty("count").GetInt32());
        Assert.Equal(2, beacons.GetProperty("results")[0].GetProperty("heartbeats").GetInt32());
        Assert.Equal(2, stream.GetProperty("results")[0].GetProperty("duplicates").GetInt32());
        Assert.Equal(3, stream.GetProperty("results")[0].GetProperty("items").GetInt32());
        Assert.Equal(3, bridge.Metrics.Get("edgegw_bridge_items_total", BridgeMetrics.Labels(("stream", "heartbeats"))));
        Assert.Equal(2, bridge.Metrics.Get("edgegw_bridge_duplicate_items_total", BridgeMetrics.Labels(("stream", "heartbeats"))));
    }

    [Fact]
    public async Task Bad_payloads_are_rejected_with_a_reason_and_ingest_keeps_going()
    {
        var broker = mosquitto.Broker;
        await using var bridge = await BridgeUnderTest.StartAsync(broker.Port, o => o.Ingest.MaxPayloadBytes = 4096);
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(broker.Port, "gw-bad");
        var up = GatewayTopics.Up("gw-bad", "heartbeats");

        await gateway.PublishAsync(up, Encoding.UTF8.GetBytes("{not json"));
        await gateway.PublishAsync(up, Encoding.UTF8.GetBytes("""{"v":1,"gatewayId":"gw-other","stream":"heartbeats","seq":1,"sentAt":"2026-01-31T12:00:00Z","items":[{}]}"""));
        await gateway.PublishAsync(up, Encoding.UTF8.GetBytes("""{"v":9,"gatewayId":"gw-bad","stream":"heartbeats","seq":1,"sentAt":"2026-01-31T12:00:00Z","items":[{}]}"""));
        // a required field (seq) missing is a schema error, counted as bad-json with the field named in the log
        await gateway.PublishAsync(up, Encoding.UTF8.GetBytes("""{"v":1,"gatewayId":"gw-bad","stream":"heartbeats","sentAt":"2026-01-31T12:00:00Z","items":[{}]}"""));
        await gateway.PublishAsync(up, new byte[5000]);
        await gateway.PublishAsync(GatewayTopics.Status("gw-bad"), Encoding.UTF8.GetBytes("""{"v":1,"online":true,"session":1,"gatewayId":"gw-evil"}"""));
        var good = JsonSerializer.SerializeToElement(Heartbeat("b-ok"), Protocol.Serialization.ProtocolJsonContext.Default.HeartbeatItem);
        var bad = JsonDocument.Parse("""{"beaconId":"b-x","rssiLast":99}""").RootElement;
        await gateway.PublishEnvelopeAsync("heartbeats", 1, [good, bad]);
        await Eventually.TrueAsync(() => Task.FromResult(Stored(bridge, "envelope") >= 1), "the good envelope is stored");

        string Rejected(string reason) => bridge.Metrics.Get("edgegw_bridge_rejected_total", BridgeMetrics.Labels(("reason", reason))).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["2", "2", "1", "1"], new[] { Rejected("bad-json"), Rejected("gateway-mismatch"), Rejected("bad-version"), Rejected("too-large") });
        Assert.Equal(1, bridge.Metrics.Get("edgegw_bridge_bad_items_total", BridgeMetrics.Labels(("stream", "heartbeats"))));
        var beacons = await bridge.GetJsonAsync("/api/v1/beacons/?beacon_id=b-ok");
        Assert.Equal(1, beacons.GetProperty("count").GetInt32());
        var metrics = await bridge.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("edgegw_bridge_rejected_total{reason=\"bad-json\"} 2", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gap_shows_in_the_streams_api_until_the_late_envelope_arrives()
    {
        var broker = mosquitto.Broker;
        await using var bridge = await BridgeUnderTest.StartAsync(broker.Port);
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(broker.Port, "gw-gap");

        await gateway.PublishHeartbeatsAsync(1, Heartbeat("b-1"));
        await gateway.PublishHeartbeatsAsync(4, Heartbeat("b-1"));
        await Eventually.TrueAsync(() => Task.FromResult(Stored(bridge, "envelope") >= 2), "two envelopes are stored");
        var open = (await bridge.GetJsonAsync("/api/v1/streams/?gateway_id=gw-gap")).GetProperty("results")[0];
        await gateway.PublishHeartbeatsAsync(3, Heartbeat("b-1"));
        await gateway.PublishHeartbeatsAsync(2, Heartbeat("b-1"));
        await Eventually.TrueAsync(() => Task.FromResult(Stored(bridge, "envelope") >= 4), "the late envelopes are stored");
        var closed = (await bridge.GetJsonAsync("/api/v1/streams/?gateway_id=gw-gap&open_gaps=0")).GetProperty("results")[0];

        Assert.Equal(("2-3", 2), (open.GetProperty("gaps").GetString(), open.GetProperty("missing").GetInt32()));
        Assert.Equal(("", 4), (closed.GetProperty("gaps").GetString(), closed.GetProperty("high_water").GetInt32()));
    }

    [Fact]
    public async Task Presence_follows_birth_and_will_and_ignores_a_stale_will()
    {
        var broker = mosquitto.Broker;
        await using var bridge = await BridgeUnderTest.StartAsync(broker.Port);
        await bridge.WaitConnectedAsync();
        var staleWill = new Protocol.Status.GatewayStatus { Online = false, Session = 1 };
        var old = await SimulatedGateway.ConnectAsync(broker.Port, "gw-presence-old-conn", staleWill);
        await using var gateway = await SimulatedGateway.ConnectAsync(broker.Port, "gw-presence");

        await gateway.PublishBirthAsync(2, "shop-p");
        await Eventually.TrueAsync(() => Task.FromResult(Stored(bridge, "status") >= 1), "the birth is stored");
        // A will from an older session arrives late on the gateway's status topic: it must not win.
        await gateway.PublishAsync(GatewayTopics.Status("gw-presence"), JsonSerializer.SerializeToUtf8Bytes(staleWill, Protocol.Serialization.ProtocolJsonContext.Default.GatewayStatus));
        await Eventually.TrueAsync(() => Task.FromResult(bridge.Metrics.Get("edgegw_bridge_messages_total", BridgeMetrics.Labels(("kind", "status"), ("outcome", "stale"))) >= 1), "the stale will is seen");
        var online = (await bridge.GetJsonAsync("/api/v1/gateways/?gateway_id=gw-presence")).GetProperty("results")[0];

        Assert.True(online.GetProperty("online").GetBoolean());
        Assert.Equal(2, online.GetProperty("session").GetInt32());
        Assert.Equal("shop-p", online.GetProperty("site").GetString());
        await old.DisposeAsync();
    }

    [Fact]
    public async Task Desired_config_is_published_retained_to_the_sites_gateways_and_the_report_is_tracked()
    {
        var broker = mosquitto.Broker;
        await using var bridge = await BridgeUnderTest.StartAsync(broker.Port);
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(broker.Port, "gw-cfg");
        await gateway.PublishBirthAsync(1, "shop-cfg");
        await gateway.PublishHeartbeatsAsync(1, Heartbeat("b-cfg"));
        await Eventually.TrueAsync(() => Task.FromResult(Stored(bridge, "envelope") >= 1), "the heartbeat is stored");
        var id = (await bridge.GetJsonAsync("/api/v1/beacons/?beacon_id=b-cfg")).GetProperty("results")[0].GetProperty("id").GetInt64();
        var desired = await gateway.WatchDesiredAsync();

        using var response = await bridge.Http.PutAsync(
            new Uri($"/api/v1/beacons/{id}/", UriKind.Relative),
            new StringContent("""{"tx_power": -8, "advertising_interval": 500}""", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var config = await desired.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await gateway.PublishReportedAsync(new ReportedConfig
        {
            Version = config.Version,
            At = T0,
            Beacons = [new BeaconReported { BeaconId = "b-cfg", State = BeaconConfigStates.Applied, TxPowerDbm = -8, IntervalMs = 500 }],
        });
        await Eventually.TrueAsync(() => Task.FromResult(Stored(bridge, "reported") >= 1), "the report is stored");
        var after = await bridge.GetJsonAsync($"/api/v1/beacons/{id}/");

        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.Equal("pending", body.GetProperty("config_state").GetString());
        Assert.Equal(1, config.Version);
        Assert.Equal(("b-cfg", -8, 500), (config.Beacons[0].BeaconId, config.Beacons[0].TxPowerDbm, config.Beacons[0].IntervalMs));
        Assert.Equal(("applied", -8, 500), (after.GetProperty("config_state").GetString(), after.GetProperty("tx_power").GetInt32(), after.GetProperty("advertising_interval").GetInt32()));
    }
}

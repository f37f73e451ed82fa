using System.Text.Json;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.CloudBridge.Tests.Support;
using EdgeGateway.PlatformFakes.Beaconstac;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Testing.Mqtt;
using static EdgeGateway.CloudBridge.Tests.Support.Messages;

namespace EdgeGateway.CloudBridge.Tests.Connectors.Beaconstac;

/// <summary>
/// The Beaconstac-style connector inside a real bridge (real mosquitto, real LiteDB) against the seed-faithful
/// fake: auth header, pagination to the end, identity matching, coalescing, outage handling, desired config both ways.
/// </summary>
public sealed class BeaconstacConnectorTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>, IAsyncLifetime
{
    private const string Token = "dev-token-5f0c9a7e4b2d";
    private const string Uuid = "F94DBB23-2266-7822-3782-57BEAC0952AC";
    private readonly FakeBeaconstac _platform = new(Token);
    private readonly CapturedLogs _logs = new();
    private FakeBeaconstacPlace _place = null!;

    public async ValueTask InitializeAsync()
    {
        await _platform.StartAsync(TestContext.Current.CancellationToken);
        _place = _platform.AddPlace("Shop Berlin");
        _platform.AddPlace("Shop Paris");
        // Filler beacons first, so the ones the tests use are on later pages (page size 2).
        for (var i = 0; i < 5; i++)
        {
            _platform.AddBeacon(id => new FakeBeaconstacBeacon { Id = id, Name = $"filler-{i}", Place = _place.Id, Uuid = Uuid, Major = 99, Minor = i });
        }
    }

    public ValueTask DisposeAsync() => _platform.DisposeAsync();

    private Task<BridgeUnderTest> StartBridgeAsync(Action<BridgeOptions>? configure = null) =>
        BridgeUnderTest.StartAsync(mosquitto.Broker.Port, o =>
        {
            var section = o.Connectors.Beaconstac;
            section.BaseUrl = _platform.ApiUrl.AbsoluteUri;
            section.Token = Token;
            section.PageSize = 2;
            section.PollIntervalMs = 200;
            section.PushMinIntervalMs = 60_000;
            section.RetryBaseDelayMs = 1;
            section.MaxRetries = 1;
            section.BreakerBreakMs = 500;
            section.Places["shop-berlin"] = "Shop Berlin";
            o.Connectors.BackoffMinMs = 50;
            o.Connectors.BackoffMaxMs = 200;
            configure?.Invoke(o);
        }, logs: _logs);

    private FakeBeaconstacBeacon AddIBeacon(int major, int minor, string name = "Corner_") =>
        _platform.AddBeacon(id => new FakeBeaconstacBeacon { Id = id, Name = name, Place = _place.Id, Uuid = Uuid, Major = major, Minor = minor, SerialNumber = "0117C53F26D6" });

    private static string IBeaconId(int major, int minor) => $"ibeacon:{Uuid.ToLowerInvariant()}:{major}:{minor}";

    [Fact]
    public async Task Heartbeats_update_battery_and_temperature_of_the_matching_beacon_with_the_seed_auth_header_and_form_encoding()
    {
        var corner = AddIBeacon(16, 10);
        var eddy = _platform.AddBeacon(id => new FakeBeaconstacBeacon { Id = id, Name = "Eddy", Place = _place.Id, EddystoneNid = "5DC33487F02E477D4058", EddystoneBid = "0117C53F26D7" });
        var loose = _platform.AddBeacon(id => new FakeBeaconstacBeacon { Id = id, Name = "Loose", Place = null, SerialNumber = "C0FFEE000001" });
        await using var bridge = await StartBridgeAsync();
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(mosquitto.Broker.Port, "gw-bs-1");
        await gateway.PublishBirthAsync(1, "shop-berlin");
        await gateway.PublishHeartbeatsAsync(1,
            Heartbeat(IBeaconId(16, 10), batteryMv: 2870, temperature: 21.6),
            Heartbeat("eddystone:5dc33487f02e477d4058:0117c53f26d7", batteryMv: 2500, temperature: null),
            Heartbeat("c0:ff:ee:00:00:01", batteryMv: 3100, temperature: -4.4));

        await Eventually.TrueAsync(() => Task.FromResult(_platform.Beacon(loose.Id).Updates > 0 && _platform.Beacon(corner.Id).Updates > 0 && _platform.Beacon(eddy.Id).Updates > 0), "the three beacons are updated");
        Assert.Equal((87, 22), (_platform.Beacon(corner.Id).Battery, _platform.Beacon(corner.Id).Temperature));
        Assert.Equal((50, (int?)null), (_platform.Beacon(eddy.Id).Battery, _platform.Beacon(eddy.Id).Temperature));
        Assert.Equal((100, -4), (_platform.Beacon(loose.Id).Battery, _platform.Beacon(loose.Id).Temperature));

        var lists = _platform.RequestsTo("/api/2.0/beacons/").Where(r => r.Method == "GET" && r.QueryString.Contains("place__name", StringComparison.Ordinal)).ToList();
        Assert.Contains(lists, r => r.QueryString.Contains("offset=6", StringComparison.Ordinal)); // 7 beacons, pages of 2: followed to the end
        Assert.Contains(_platform.RequestsTo("/api/2.0/beacons/"), r => r.QueryString.Contains("serial_number=C0FFEE000001", StringComparison.Ordinal));
        Assert.All(_platform.Requests, r => Assert.Equal($"Token {Token}", r.Headers["Authorization"]));
        var put = _platform.RequestsTo($"/api/2.0/beacons/{corner.Id}/").Single(r => r.Method == "PUT");
        Assert.StartsWith("application/x-www-form-urlencoded", put.ContentType, StringComparison.Ordinal);
        Assert.Equal($"name=Corner_&place={_place.Id}&battery=87&temperature=22", put.Body);
    }

    [Fact]
    public async Task Heartbeats_within_the_push_interval_are_coalesced_into_one_update()
    {
        var corner = AddIBeacon(20, 1);
        await using var bridge = await StartBridgeAsync();
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(mosquitto.Broker.Port, "gw-bs-2");
        await gateway.PublishBirthAsync(1, "shop-berlin");
        await gateway.PublishHeartbeatsAsync(1, Heartbeat(IBeaconId(20, 1), batteryMv: 2900));
        await Eventually.TrueAsync(() => Task.FromResult(_platform.Beacon(corner.Id).Updates == 1), "the first update");
        await gateway.PublishHeartbeatsAsync(2, Heartbeat(IBeaconId(20, 1), batteryMv: 2800));
        await gateway.PublishHeartbeatsAsync(3, Heartbeat(IBeaconId(20, 1), batteryMv: 2700));
        await Eventually.TrueAsync(
            () => Task.FromResult(bridge.Metrics.Get("edgegw_bridge_connector_skipped_total", BridgeMetrics.Labels(("connector", "beaconstac"), ("reason", "coalesced"))) >= 1),
            "later heartbeats are coalesced");
        Assert.Equal(1, _platform.Beacon(corner.Id).Updates);
        Assert.Equal(90, _platform.Beacon(corner.Id).Battery);
    }

    [Fact]
    public async Task While_the_platform_is_down_the_work_is_kept_and_delivered_when_it_is_back()
    {
        var corner = AddIBeacon(30, 1);
        await using var bridge = await StartBridgeAsync(o => o.Connectors.Beaconstac.PollIntervalMs = 60_000);
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(mosquitto.Broker.Port, "gw-bs-3");
        _platform.Faults.IsDown = true;
        await gateway.PublishBirthAsync(1, "shop-berlin");
        await gateway.PublishHeartbeatsAsync(1, Heartbeat(IBeaconId(30, 1), batteryMv: 2650));

        await Eventually.TrueAsync(async () => (await ConnectorAsync(bridge)).GetProperty("failures").GetInt64() >= 2, "failed attempts are counted");
        var status = await ConnectorAsync(bridge);
        Assert.True(status.GetProperty("queue_depth").GetInt64() >= 1);
        Assert.Contains("503", status.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _platform.Beacon(corner.Id).Updates);
        Assert.True(bridge.IsConnected); // ingest unaffected

        _platform.Faults.IsDown = false;
        await Eventually.TrueAsync(() => Task.FromResult(_platform.Beacon(corner.Id).Battery == 65), "the kept heartbeat reaches the platform");
        await Eventually.TrueAsync(async () => (await ConnectorAsync(bridge)).GetProperty("queue_depth").GetInt64() == 0, "the queue drains");
        Assert.Contains("edgegw_bridge_connector_delivered_total{connector=\"beaconstac\"}", bridge.Metrics.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_is_not_retried_and_never_appears_in_logs_or_the_api()
    {
        AddIBeacon(40, 1);
        _platform.RevokeToken(Token);
        await using var bridge = await StartBridgeAsync(o => o.Connectors.Beaconstac.PollIntervalMs = 60_000);
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(mosquitto.Broker.Port, "gw-bs-4");
        await gateway.PublishBirthAsync(1, "shop-berlin");
        await gateway.PublishHeartbeatsAsync(1, Heartbeat(IBeaconId(40, 1)));
        await Eventually.TrueAsync(async () => (await ConnectorAsync(bridge)).GetProperty("last_error").GetString()?.Contains("401", StringComparison.Ordinal) == true, "the 401 is the last error");

        var status = await ConnectorAsync(bridge);
        Assert.Equal(0, status.GetProperty("retries").GetInt64());
        Assert.Contains("Invalid token.", status.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        var api = JsonSerializer.Serialize(await bridge.GetJsonAsync("/api/v1/connectors/"));
        Assert.DoesNotContain(Token, api, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, bridge.Metrics.Render(), StringComparison.Ordinal);
        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(Token, _logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tx_power_changed_on_the_platform_becomes_desired_config_and_the_applied_value_is_reported_back()
    {
        var corner = AddIBeacon(50, 7);
        await using var bridge = await StartBridgeAsync();
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(mosquitto.Broker.Port, "gw-bs-5");
        var desired = await gateway.WatchDesiredAsync();
        await gateway.PublishBirthAsync(1, "shop-berlin");
        await gateway.PublishHeartbeatsAsync(1, Heartbeat(IBeaconId(50, 7)));
        await Eventually.TrueAsync(async () => (await bridge.GetJsonAsync("/api/v1/beacons/?site=shop-berlin")).GetProperty("count").GetInt32() == 1, "the beacon is in the fleet");

        _platform.Edit(corner.Id, b => b.TxPower = -7);
        var document = await desired.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        var beacon = Assert.Single(document.Beacons);
        Assert.Equal((IBeaconId(50, 7), -7), (beacon.BeaconId, beacon.TxPowerDbm));

        // the gateway's radio rounds -7 to -8 and reports it; the platform is told what the beacon really does
        await gateway.PublishReportedAsync(new ReportedConfig
        {
            Version = document.Version,
            At = T0,
            Beacons = [new BeaconReported { BeaconId = IBeaconId(50, 7), State = BeaconConfigStates.Rounded, TxPowerDbm = -8 }],
        });
        await Eventually.TrueAsync(() => Task.FromResult(_platform.Beacon(corner.Id).TxPower == -8), "the applied value reaches the platform");
        var row = (await bridge.GetJsonAsync("/api/v1/beacons/?site=shop-berlin")).GetProperty("results")[0];
        Assert.Equal(-7, row.GetProperty("desired_tx_power").GetInt32());
        // the rounded value on the platform equals the reported one: no new desired version follows
        await Task.Delay(600, TestContext.Current.CancellationToken);
        Assert.Equal(document.Version, (await bridge.GetJsonAsync("/api/v1/beacons/?site=shop-berlin")).GetProperty("results")[0].GetProperty("desired_version").GetInt64());
    }

    [Fact]
    public async Task A_tap_is_recorded_on_the_nfc_tag_matched_by_uid()
    {
        var tag = _platform.AddNfcTag(id => new FakeBeaconstacNfcTag { Id = id, Name = "Shelf 3", Uid = "04:A2:2B:1C:5D:6E:80", Place = _place.Id, Meta = new() { ["aisle"] = 3 } });
        await using var bridge = await StartBridgeAsync();
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(mosquitto.Broker.Port, "gw-bs-6");
        await gateway.PublishBirthAsync(1, "shop-berlin");
        await gateway.PublishEnvelopeAsync("nfc", 1, [JsonSerializer.SerializeToElement(Tap("04a22b1c5d6e80"), EdgeGateway.Protocol.Serialization.ProtocolJsonContext.Default.TagReadItem)]);

        await Eventually.TrueAsync(() => Task.FromResult(_platform.NfcTag(tag.Id).Updates == 1), "the tag is updated");
        var meta = _platform.NfcTag(tag.Id).Meta;
        Assert.Equal(3, meta["aisle"]!.GetValue<int>());
        Assert.Equal("gw-bs-6", meta["edgegw"]!["gateway"]!.GetValue<string>());
        Assert.Equal("gw-bs-6/nfc/1", meta["edgegw"]!["last_event"]!.GetValue<string>());
    }

    [Fact]
    public void A_configured_url_without_a_token_is_one_clear_config_error()
    {
        var (options, error) = BridgeConfiguration.Load(null, [new("Connectors:Beaconstac:BaseUrl", "https://api.example.com/api/2.0/")]);
        Assert.Null(options);
        Assert.StartsWith("config: Connectors:Beaconstac:Token: required", error, StringComparison.Ordinal);
        Assert.Contains("EDGEGW_BRIDGE_Connectors__Beaconstac__Token", error, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ConnectorAsync(BridgeUnderTest bridge)
    {
        var all = await bridge.GetJsonAsync("/api/v1/connectors/");
        return all.GetProperty("results").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "beaconstac");
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EdgeGateway.CloudBridge.Tests.Support;
using EdgeGateway.Testing.Tools;
using static EdgeGateway.CloudBridge.Tests.Support.Messages;

namespace EdgeGateway.CloudBridge.Tests.Api;

/// <summary>The HTTP surface over real Kestrel with the embedded store; no broker is running, so /health says so.</summary>
public sealed class FleetApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<BridgeUnderTest> StartWithFleetAsync()
    {
        var bridge = await BridgeUnderTest.StartAsync(FreePort.Next());
        await bridge.Store.CommitAsync(
        [
            Birth("gw-1", 1, "Corner Shop"),
            Heartbeats("gw-1", 1, Enumerable.Range(1, 5).Select(i => Heartbeat($"b-{i}", batteryMv: 2000 + (i * 100), at: T0.AddSeconds(i))).ToArray()),
            Taps("gw-1", 1, Tap("04a1b2c3d4e5f6")),
        ], Ct);
        return bridge;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient http, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Every_api_request_needs_a_valid_token()
    {
        await using var bridge = await StartWithFleetAsync();
        using var anonymous = new HttpClient { BaseAddress = bridge.Http.BaseAddress };
        using var wrong = new HttpClient { BaseAddress = bridge.Http.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", "not-the-token-at-all");

        var none = await SendAsync(anonymous, HttpMethod.Get, "/api/v1/beacons/");
        var bad = await SendAsync(wrong, HttpMethod.Get, "/api/v1/beacons/");
        var good = await SendAsync(bridge.Http, HttpMethod.Get, "/api/v1/beacons/");

        Assert.Equal((HttpStatusCode.Unauthorized, "Authentication credentials were not provided."), (none.Status, none.Body.GetProperty("detail").GetString()));
        Assert.Equal((HttpStatusCode.Unauthorized, "Invalid token."), (bad.Status, bad.Body.GetProperty("detail").GetString()));
        Assert.Equal(HttpStatusCode.OK, good.Status);
    }

    [Fact]
    public async Task Lists_are_paged_with_count_next_previous_and_results()
    {
        await using var bridge = await StartWithFleetAsync();

        var first = await bridge.GetJsonAsync("/api/v1/beacons/?ordering=-battery&limit=2");
        var next = first.GetProperty("next").GetString()!;
        var second = await bridge.GetJsonAsync(new Uri(next).PathAndQuery);

        Assert.Equal(5, first.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("previous").ValueKind);
        Assert.Equal(["b-5", "b-4"], first.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("beacon_id").GetString()));
        Assert.Contains("offset=2", next, StringComparison.Ordinal);
        Assert.Equal(["b-3", "b-2"], second.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("beacon_id").GetString()));
        Assert.NotEqual(JsonValueKind.Null, second.GetProperty("previous").ValueKind);
    }

    [Fact]
    public async Task Beacons_carry_battery_temperature_heartbeat_and_config_fields()
    {
        await using var bridge = await StartWithFleetAsync();

        var beacon = (await bridge.GetJsonAsync("/api/v1/beacons/?beacon_id='b-3'")).GetProperty("results")[0];
        var byId = await bridge.GetJsonAsync($"/api/v1/beacons/{beacon.GetProperty("id").GetInt64()}/");

        Assert.Equal(2300, beacon.GetProperty("battery").GetInt32());
        Assert.Equal(21.5, beacon.GetProperty("temperature").GetDouble());
        Assert.Equal(T0.AddSeconds(3), beacon.GetProperty("heartbeat").GetDateTimeOffset());
        Assert.Equal("Corner Shop", beacon.GetProperty("site").GetString());
        Assert.True(beacon.TryGetProperty("tx_power", out _));
        Assert.True(beacon.TryGetProperty("advertising_interval", out _));
        Assert.Equal("b-3", byId.GetProperty("beacon_id").GetString());
    }

    [Theory]
    [InlineData("/api/v1/beacons/?colour=red", "colour: unknown filter")]
    [InlineData("/api/v1/beacons/?battery__icontains=3", "battery__icontains: battery does not support icontains")]
    [InlineData("/api/v1/beacons/?heartbeat__gt=yesterday", "heartbeat__gt: 'yesterday' is not a timestamp")]
    [InlineData("/api/v1/beacons/?ordering=-colour", "ordering: unknown field 'colour'")]
    [InlineData("/api/v1/beacons/?limit=0", "limit: '0' is not a whole number between 1 and 1000")]
    [InlineData("/api/v1/gateways/?online=maybe", "online: 'maybe' is not true or false")]
    public async Task Bad_query_parameters_are_a_400_naming_the_parameter(string path, string detail)
    {
        await using var bridge = await StartWithFleetAsync();

        var (status, body) = await SendAsync(bridge.Http, HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(detail, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_resources_and_ids_are_404()
    {
        await using var bridge = await StartWithFleetAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(bridge.Http, HttpMethod.Get, "/api/v1/qrcodes/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(bridge.Http, HttpMethod.Get, "/api/v1/beacons/999999/")).Status);
    }

    [Fact]
    public async Task Sites_nfc_tags_and_gateways_are_listed()
    {
        await using var bridge = await StartWithFleetAsync();

        var site = (await bridge.GetJsonAsync("/api/v1/sites/?name__icontains=corner")).GetProperty("results")[0];
        var tag = (await bridge.GetJsonAsync("/api/v1/nfc-tags/?search=04a1")).GetProperty("results")[0];
        var gateway = (await bridge.GetJsonAsync("/api/v1/gateways/?version__icontains=abc")).GetProperty("results")[0];

        Assert.Equal((1, 5, 1), (site.GetProperty("gateways").GetInt32(), site.GetProperty("beacons").GetInt32(), site.GetProperty("nfc_tags").GetInt32()));
        Assert.Equal(("ntag213", 1), (tag.GetProperty("tag_type").GetString(), tag.GetProperty("taps").GetInt32()));
        Assert.Equal("gw-1", gateway.GetProperty("gateway_id").GetString());
    }

    [Theory]
    [InlineData("""{"tx_power": 99}""", "tx_power: must be a whole number of dBm between -40 and 20")]
    [InlineData("""{"advertising_interval": 5}""", "advertising_interval: must be a whole number of milliseconds between 20 and 10240")]
    [InlineData("""{"battery": 3000}""", "battery: not writable")]
    [InlineData("""{}""", "give tx_power and/or advertising_interval")]
    [InlineData("""[1]""", "body must be a JSON object")]
    [InlineData("""{"tx_power": """, "body is not valid JSON")]
    public async Task Bad_desired_config_is_a_400_naming_the_field(string json, string detail)
    {
        await using var bridge = await StartWithFleetAsync();

        var (status, body) = await SendAsync(bridge.Http, HttpMethod.Patch, "/api/v1/beacons/1/", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(detail, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Desired_config_that_cannot_be_published_is_a_503_that_says_it_was_stored()
    {
        await using var bridge = await StartWithFleetAsync();

        var (status, body) = await SendAsync(bridge.Http, HttpMethod.Patch, "/api/v1/beacons/1/", """{"tx_power": -4}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("stored", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reports_the_missing_broker_and_metrics_are_prometheus_text()
    {
        await using var bridge = await StartWithFleetAsync();
        using var anonymous = new HttpClient { BaseAddress = bridge.Http.BaseAddress };

        var (status, health) = await SendAsync(anonymous, HttpMethod.Get, "/health");
        using var metrics = await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative), Ct);
        var text = await metrics.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(("degraded", "disconnected", "ok"), (health.GetProperty("status").GetString(), health.GetProperty("mqtt").GetString(), health.GetProperty("store").GetString()));
        Assert.StartsWith("text/plain", metrics.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("# TYPE edgegw_bridge_mqtt_connected gauge\nedgegw_bridge_mqtt_connected 0\n", text, StringComparison.Ordinal);
    }
}

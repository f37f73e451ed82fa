using System.Net;
using System.Text;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.CloudBridge.Connectors.Footprints;
using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.CloudBridge.Tests.Support;
using EdgeGateway.PlatformFakes.Footprints;
using EdgeGateway.Testing.Mqtt;
using static EdgeGateway.CloudBridge.Tests.Support.Messages;

namespace EdgeGateway.CloudBridge.Tests.Connectors.Footprints;

/// <summary>The Footprints connector against the seed-faithful fake: token flow, sessions, the sensors form layout, batching, outages, secrets.</summary>
public sealed class FootprintsConnectorTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>, IAsyncLifetime
{
    private const string Key = "571e64183647a855d0sgf3a3";
    private const string Secret = "s3cr3t-app-secret-9f8e7d";
    private readonly FakeFootprints _platform = new(Key, Secret);
    private readonly CapturedLogs _logs = new();

    public async ValueTask InitializeAsync()
    {
        await _platform.StartAsync(TestContext.Current.CancellationToken);
        _platform.Locations.Add(("5b887473a504503c31559108", "shop-fp"));
    }

    public ValueTask DisposeAsync() => _platform.DisposeAsync();

    private FootprintsOptions Section(Action<FootprintsOptions>? configure = null)
    {
        var section = new FootprintsOptions
        {
            BaseUrl = _platform.BaseUrl.AbsoluteUri, Key = Key, Secret = Secret, MaxSensorsPerRequest = 2, RetryBaseDelayMs = 1, MaxRetries = 1, BreakerBreakMs = 500,
        };
        configure?.Invoke(section);
        return section;
    }

    private Task<BridgeUnderTest> StartBridgeAsync() =>
        BridgeUnderTest.StartAsync(mosquitto.Broker.Port, o =>
        {
            var s = Section();
            var section = o.Connectors.Footprints;
            (section.BaseUrl, section.Key, section.Secret, section.MaxSensorsPerRequest, section.RetryBaseDelayMs, section.MaxRetries, section.BreakerBreakMs) =
                (s.BaseUrl, s.Key, s.Secret, s.MaxSensorsPerRequest, s.RetryBaseDelayMs, s.MaxRetries, s.BreakerBreakMs);
            o.Connectors.BackoffMinMs = 50;
            o.Connectors.BackoffMaxMs = 200;
        }, logs: _logs);

    [Fact]
    public async Task Heartbeats_become_sightings_in_the_seed_form_layout_batched_per_session()
    {
        await using var bridge = await StartBridgeAsync();
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(mosquitto.Broker.Port, "gw-fp-1");
        await gateway.PublishBirthAsync(1, "shop-fp");
        await gateway.PublishHeartbeatsAsync(1,
            Heartbeat("ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:100:7", rssi: -71) with { Address = "c0:ff:ee:00:00:01", MeasuredPower = -59, DistanceM = 2.345 },
            Heartbeat("eddystone:5dc33487f02e477d4058:0117c53f26d6", rssi: -80),
            Heartbeat("c0:ff:ee:00:00:02", rssi: -90));

        await Eventually.TrueAsync(() => Task.FromResult(_platform.Sightings.Count == 3), "three sightings arrive");
        var token = _platform.RequestsTo("/api/token").Single();
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Key}:{Secret}")), token.Headers["Authorization"]);
        Assert.StartsWith("application/x-www-form-urlencoded", token.ContentType, StringComparison.Ordinal);
        Assert.Equal("grant_type=client_credentials", token.Body);
        Assert.StartsWith("?access_token=", _platform.RequestsTo("/api/location").Single().QueryString, StringComparison.Ordinal);

        var session = Assert.Single(_platform.Sessions);
        Assert.Equal(Key, session.Fields["appkey"]);
        Assert.Equal("edgegw-gateway/gw-fp-1", session.Fields["technicalInfo[browserUserAgent]"]);
        var posts = _platform.RequestsTo("/mobileapi/sensors");
        Assert.Equal(2, posts.Count); // 3 sightings, at most 2 per request
        Assert.All(posts, p => Assert.Equal("POST", p.Method));
        Assert.Equal(
            $"appkey={Key}&mid={session.MobileId}&sensors%5B0%5D%5Buuid%5D=f7826da6-4fa2-4e98-8024-bc5b71e0893e&sensors%5B0%5D%5Brssi%5D=-71" +
            "&sensors%5B0%5D%5Bdistance%5D=2.35&sensors%5B0%5D%5BmacAddress%5D=c0%3Aff%3Aee%3A00%3A00%3A01&sensors%5B0%5D%5BtxPower%5D=-59" +
            "&sensors%5B0%5D%5Bname%5D=ibeacon%3Af7826da6-4fa2-4e98-8024-bc5b71e0893e%3A100%3A7&sensors%5B0%5D%5Bmajor%5D=100&sensors%5B0%5D%5Bminor%5D=7" +
            "&sensors%5B1%5D%5Buuid%5D=5dc33487f02e477d4058&sensors%5B1%5D%5Brssi%5D=-80&sensors%5B1%5D%5Bname%5D=eddystone%3A5dc33487f02e477d4058%3A0117c53f26d6",
            posts[0].Body);
        var third = _platform.Sightings.Single(s => s.Fields["rssi"] == "-90");
        Assert.Equal(("c0:ff:ee:00:00:02", 0), (third.Fields["uuid"], third.Index));
    }

    [Fact]
    public async Task The_token_is_renewed_before_it_expires_and_after_a_401()
    {
        var metrics = new BridgeMetrics();
        var board = new ConnectorStatusBoard(metrics, TimeProvider.System);
        var section = Section(s => s.TokenRefreshMarginMs = 3_500);
        var redactor = new SecretRedactor(Key, Secret);
        using var authenticator = new FootprintsTokenAuthenticator(section, redactor, TimeProvider.System);
        using var client = new PlatformClient("footprints", section, redactor, board, TimeProvider.System, _logs, authenticator);
        authenticator.Client = client;
        var ct = TestContext.Current.CancellationToken;

        _platform.TokenLifetime = TimeSpan.FromSeconds(4);
        using (var first = await client.SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/location"), ct))
        {
            Assert.Equal(1, _platform.TokensIssued);
        }

        _platform.TokenLifetime = TimeSpan.FromHours(1);
        await Task.Delay(700, ct); // past expires_in minus the margin: renewed before use, no 401
        using (var second = await client.SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/location"), ct))
        {
            Assert.Equal(2, _platform.TokensIssued);
            Assert.DoesNotContain(_platform.RequestsTo("/api/location"), r => r.Status == 401);
        }

        _platform.ExpireTokens();
        using var fourth = await client.SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/location"), ct);
        Assert.Equal(3, _platform.TokensIssued);
        Assert.Single(_platform.RequestsTo("/api/location"), r => r.Status == 401);
        Assert.Equal(0, board.Status("footprints").Retries); // the 401 was a refresh, not a retry
    }

    [Fact]
    public async Task Wrong_credentials_are_a_clear_last_error_and_are_never_logged()
    {
        var wrong = new FakeFootprints(Key, "another-secret-123");
        await wrong.StartAsync(TestContext.Current.CancellationToken);
        await using (wrong)
        {
            var board = new ConnectorStatusBoard(new BridgeMetrics(), TimeProvider.System);
            var section = Section(s => s.BaseUrl = wrong.BaseUrl.AbsoluteUri);
            var redactor = new SecretRedactor(Key, Secret);
            using var authenticator = new FootprintsTokenAuthenticator(section, redactor, TimeProvider.System);
            using var client = new PlatformClient("footprints", section, redactor, board, TimeProvider.System, _logs, authenticator);
            authenticator.Client = client;
            var ex = await Assert.ThrowsAsync<PlatformException>(() => client.SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/location"), TestContext.Current.CancellationToken));
            Assert.Equal(HttpStatusCode.Unauthorized, ex.Status);
            Assert.Contains("invalid_client", ex.Message, StringComparison.Ordinal);
            Assert.Single(wrong.RequestsTo("/api/token")); // a 4xx is not retried
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Key}:{Secret}"));
            foreach (var secret in new[] { Key, Secret, basic })
            {
                Assert.DoesNotContain(secret, ex.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, _logs.All, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task While_the_platform_is_down_sightings_are_kept_and_a_lost_session_is_reopened()
    {
        await using var bridge = await StartBridgeAsync();
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(mosquitto.Broker.Port, "gw-fp-2");
        await gateway.PublishBirthAsync(1, "shop-fp");
        await gateway.PublishHeartbeatsAsync(1, Heartbeat("c0:ff:ee:00:00:10"));
        await Eventually.TrueAsync(() => Task.FromResult(_platform.Sightings.Count == 1), "the first sighting arrives");

        _platform.Faults.IsDown = true;
        _platform.DropSessions();
        await gateway.PublishHeartbeatsAsync(2, Heartbeat("c0:ff:ee:00:00:11"));
        await Eventually.TrueAsync(
            () => Task.FromResult(bridge.Metrics.Get("edgegw_bridge_connector_failures_total", BridgeMetrics.Labels(("connector", "footprints"))) >= 2),
            "failed attempts are counted");
        Assert.Equal(1, bridge.Metrics.Get("edgegw_bridge_connector_queue_depth", BridgeMetrics.Labels(("connector", "footprints"))));

        _platform.Faults.IsDown = false;
        await Eventually.TrueAsync(() => Task.FromResult(_platform.Sightings.Count == 2), "the kept sighting arrives");
        Assert.Single(_platform.Sessions); // the old session was gone: a new one was opened
        Assert.Equal("c0:ff:ee:00:00:11", _platform.Sightings[^1].Fields["uuid"]);
        Assert.DoesNotContain(Secret, _logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_without_a_secret_is_one_clear_config_error()
    {
        var (options, error) = BridgeConfiguration.Load(null,
        [
            new("Connectors:Footprints:BaseUrl", "https://footprints.example.com/"),
            new("Connectors:Footprints:Key", Key),
        ]);
        Assert.Null(options);
        Assert.StartsWith("config: Connectors:Footprints:Secret: required", error, StringComparison.Ordinal);
    }
}

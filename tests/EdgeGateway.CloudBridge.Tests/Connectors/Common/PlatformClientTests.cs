using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.CloudBridge.Tests.Support;

namespace EdgeGateway.CloudBridge.Tests.Connectors.Common;

/// <summary>The shared HTTP pipeline against a real Kestrel fake: retries, Retry-After, no retry on 4xx, circuit breaker, credential refresh, redaction.</summary>
public sealed class PlatformClientTests : IAsyncLifetime
{
    private const string Secret = "probe-secret-key-123456";
    private readonly ProbePlatform _platform = new();
    private readonly BridgeMetrics _metrics = new();
    private readonly CapturedLogs _logs = new();
    private ConnectorStatusBoard _board = null!;

    public async ValueTask InitializeAsync()
    {
        await _platform.StartAsync(TestContext.Current.CancellationToken);
        _board = new ConnectorStatusBoard(_metrics, TimeProvider.System);
    }

    public ValueTask DisposeAsync() => _platform.DisposeAsync();

    private PlatformClient Client(IPlatformAuthenticator? auth = null, Action<ProbeOptions>? configure = null)
    {
        var options = new ProbeOptions(_platform.BaseUrl);
        configure?.Invoke(options);
        return new PlatformClient("probe", options, new SecretRedactor(Secret), _board, TimeProvider.System, _logs, auth);
    }

    private static Func<HttpRequestMessage> Get(string path) => () => new HttpRequestMessage(HttpMethod.Get, path);

    [Fact]
    public async Task A_5xx_is_retried_with_backoff_until_it_succeeds()
    {
        using var client = Client();
        _platform.Faults.Fail(2, 503, pathPrefix: "/items");
        using var json = await client.SendJsonAsync(Get("items"), TestContext.Current.CancellationToken);
        Assert.Equal(3, _platform.RequestsTo("/items").Count);
        Assert.Equal(2, _board.Status("probe").Retries);
        Assert.Equal(1, _metrics.Get("edgegw_bridge_connector_requests_total", BridgeMetrics.Labels(("connector", "probe"), ("code", "200"))));
    }

    [Fact]
    public async Task A_429_waits_for_Retry_After()
    {
        using var client = Client();
        _platform.Faults.Fail(1, 429, retryAfterSeconds: 1, pathPrefix: "/items");
        var started = Stopwatch.GetTimestamp();
        using var json = await client.SendJsonAsync(Get("items"), TestContext.Current.CancellationToken);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(950), $"retried after {Stopwatch.GetElapsedTime(started).TotalMilliseconds} ms");
        Assert.Equal(2, _platform.RequestsTo("/items").Count);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_longest_backoff_is_handed_to_the_caller()
    {
        using var client = Client();
        _platform.Faults.Fail(1, 429, retryAfterSeconds: 120, pathPrefix: "/items");
        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.SendJsonAsync(Get("items"), TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.Status);
        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
        Assert.True(ex.IsTransient);
        Assert.Single(_platform.RequestsTo("/items"));
    }

    [Fact]
    public async Task A_4xx_is_not_retried()
    {
        using var client = Client();
        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.SendJsonAsync(Get("bad"), TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, ex.Status);
        Assert.False(ex.IsTransient);
        Assert.Contains("bad request", ex.Message, StringComparison.Ordinal);
        Assert.Single(_platform.RequestsTo("/bad"));
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_is_retried()
    {
        using var client = Client(configure: o => o.TimeoutMs = 200);
        _platform.Faults.Slow(1, TimeSpan.FromSeconds(3), "/items");
        using var json = await client.SendJsonAsync(Get("items"), TestContext.Current.CancellationToken);
        Assert.Equal(1, _board.Status("probe").Retries);
    }

    [Fact]
    public async Task The_circuit_opens_on_repeated_failures_refuses_calls_and_closes_when_the_platform_recovers()
    {
        using var client = Client(configure: o => o.MaxRetries = 0);
        _platform.Faults.IsDown = true;
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<PlatformException>(() => client.SendJsonAsync(Get("items"), TestContext.Current.CancellationToken));
        }

        Assert.Equal("open", _board.Status("probe").Circuit);
        var calls = _platform.Requests.Count;
        var refused = await Assert.ThrowsAsync<PlatformException>(() => client.SendJsonAsync(Get("items"), TestContext.Current.CancellationToken));
        Assert.Contains("circuit open", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(refused.RetryAfter);
        Assert.Equal(calls, _platform.Requests.Count);
        Assert.Equal(1, _metrics.Get("edgegw_bridge_connector_circuit_open", BridgeMetrics.Labels(("connector", "probe"))));

        _platform.Faults.IsDown = false;
        await Task.Delay(800, TestContext.Current.CancellationToken);
        using var json = await client.SendJsonAsync(Get("items"), TestContext.Current.CancellationToken);
        Assert.Equal("closed", _board.Status("probe").Circuit);
        Assert.Equal(0, _metrics.Get("edgegw_bridge_connector_circuit_open", BridgeMetrics.Labels(("connector", "probe"))));
    }

    [Fact]
    public async Task A_rejected_credential_is_refreshed_once_and_the_call_repeated()
    {
        var auth = new SwappableTokenAuthenticator(_platform, "token-one-abcdef");
        using var client = Client(auth);
        using (var first = await client.SendJsonAsync(Get("secure"), TestContext.Current.CancellationToken))
        {
            Assert.Equal(0, auth.Refreshes);
        }

        _platform.CurrentToken = "token-two-abcdef";
        using var second = await client.SendJsonAsync(Get("secure"), TestContext.Current.CancellationToken);
        Assert.Equal("yes", second.RootElement.GetProperty("ok").GetString());
        Assert.Equal(1, auth.Refreshes);
        Assert.Equal(3, _platform.RequestsTo("/secure").Count);
    }

    [Fact]
    public async Task Pagination_is_followed_to_the_end_and_a_loop_is_an_error()
    {
        using var client = Client();
        var all = new List<int>();
        await foreach (var item in PageFollower.FollowAsync(new Uri(_platform.BaseUrl, "items"), (url, ct) => FetchAsync(client, url, ct), 100, TestContext.Current.CancellationToken))
        {
            all.Add(item);
        }

        Assert.Equal([0, 1, 2, 3, 4], all);
        await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in PageFollower.FollowAsync(new Uri(_platform.BaseUrl, "loop"), (url, ct) => FetchAsync(client, url, ct), 100, TestContext.Current.CancellationToken))
            {
            }
        });
    }

    [Fact]
    public async Task Secrets_never_reach_the_logs_or_the_last_error()
    {
        using var client = Client(configure: o => o.MaxRetries = 1);
        _platform.Faults.Fail(2, 500, pathPrefix: "/items", body: $"{{\"error\":\"bad key {Secret}\"}}");
        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.SendJsonAsync(
            () => new HttpRequestMessage(HttpMethod.Get, $"items?access_token=runtime-token-xyz&api_key={Secret}"), TestContext.Current.CancellationToken));
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, ex.Message, StringComparison.Ordinal);
        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(Secret, _logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("runtime-token-xyz", _logs.All, StringComparison.Ordinal);
        Assert.Contains("access_token=***", _logs.All, StringComparison.Ordinal);
    }

    private static async Task<Page<int>> FetchAsync(PlatformClient client, Uri url, CancellationToken ct)
    {
        using var json = await client.SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, url), ct);
        var next = json.RootElement.GetProperty("next");
        return new Page<int>(
            [.. json.RootElement.GetProperty("results").EnumerateArray().Select(e => e.GetInt32())],
            next.ValueKind == JsonValueKind.String ? new Uri(next.GetString()!, UriKind.RelativeOrAbsolute) : null);
    }
}

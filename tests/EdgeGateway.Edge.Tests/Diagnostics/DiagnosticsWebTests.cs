using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeGateway.Edge.Diagnostics.Auth;

namespace EdgeGateway.Edge.Tests.Diagnostics;

public class DiagnosticsWebTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Everything_but_login_and_health_needs_a_session()
    {
        await using var gateway = await RunningGateway.StartAsync();

        using var health = await gateway.Client.GetAsync("/health", Ct);
        using var page = await gateway.Client.GetAsync("/", Ct);
        using var api = await gateway.Client.GetAsync("/api/status", Ct);
        using var metrics = await gateway.Client.GetAsync("/metrics", Ct);
        using var events = await gateway.Client.GetAsync("/api/events", Ct);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, events.StatusCode);
    }

    [Fact]
    public async Task The_right_password_opens_a_strict_http_only_session()
    {
        await using var gateway = await RunningGateway.StartAsync();

        using var response = await gateway.PostLoginAsync(gateway.Identity.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("edgegw-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var status = await gateway.Client.GetFromJsonAsync<JsonElement>("/api/status", Ct);
        Assert.Equal("sim-gw-1", status.GetProperty("gateway").GetProperty("gatewayId").GetString());
        Assert.Equal("demo-shop", status.GetProperty("gateway").GetProperty("site").GetString());
    }

    [Fact]
    public async Task Wrong_passwords_are_refused_then_locked_out_with_retry_after()
    {
        await using var gateway = await RunningGateway.StartAsync();

        for (var i = 0; i < LoginThrottle.FreeAttempts; i++)
        {
            using var wrong = await gateway.PostLoginAsync("not-the-password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("Wrong password", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using var locked = await gateway.PostLoginAsync(gateway.Identity.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many wrong passwords", await locked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_without_its_csrf_token_is_refused()
    {
        await using var gateway = await RunningGateway.StartAsync();
        await gateway.LoginFormTokenAsync();

        using var response = await gateway.PostLoginAsync(gateway.Identity.Password, token: "forged");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_state_change_without_the_csrf_header_is_refused_and_counted()
    {
        await using var gateway = await RunningGateway.StartAsync();
        await gateway.LoginAsync();

        using var refused = await gateway.Client.PostAsync("/api/selftest", null, Ct);
        var token = (await gateway.Client.GetFromJsonAsync<JsonElement>("/api/csrf", Ct)).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/selftest");
        request.Headers.Add("X-CSRF-TOKEN", token);
        using var accepted = await gateway.Client.SendAsync(request, Ct);
        var metrics = await gateway.Client.GetStringAsync("/metrics", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("CSRF", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var checks = await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(checks.EnumerateArray(), c => c.GetProperty("check").GetString() == "disk" && c.GetProperty("verdict").GetString() == "Pass");
        Assert.Contains("edgegw_web_csrf_rejected_total 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_accept_the_read_only_token_instead_of_a_session()
    {
        await using var gateway = await RunningGateway.StartAsync("Diagnostics:MetricsToken=prometheus-token-0123456789");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "prometheus-token-0123456789");
        using var withToken = await gateway.Client.SendAsync(request, Ct);
        using var wrongRequest = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrongRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "prometheus-token-xxxxxxxxxx");
        using var withWrongToken = await gateway.Client.SendAsync(wrongRequest, Ct);

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Contains("# TYPE edgegw_web_logins_total counter", await withToken.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongToken.StatusCode);
    }

    [Fact]
    public async Task The_page_and_its_assets_are_served_by_the_gateway_with_a_strict_policy()
    {
        await using var gateway = await RunningGateway.StartAsync();
        await gateway.LoginAsync();

        using var page = await gateway.Client.GetAsync("/", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        using var script = await gateway.Client.GetAsync("/assets/app.js", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
    }
}

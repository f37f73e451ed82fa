using System.Net;
using System.Text.RegularExpressions;
using EdgeGateway.Edge.Diagnostics.Auth;
using EdgeGateway.Edge.Hosting;
using EdgeGateway.Testing.Tools;
using Microsoft.AspNetCore.Builder;

namespace EdgeGateway.Edge.Tests.Diagnostics;

/// <summary>`edgegw run --simulate`'s host on a free loopback port, and an HttpClient with a cookie jar talking to it.</summary>
internal sealed partial class RunningGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private RunningGateway(WebApplication app, SimulatedIdentity identity, int port, string dataDirectory)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Identity = identity;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Cookies = new CookieContainer();
        Client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
    }

    public SimulatedIdentity Identity { get; }

    public Uri BaseAddress { get; }

    public CookieContainer Cookies { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<RunningGateway> StartAsync(params string[] overrides)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("egw-web-").FullName;
        var identity = new SimulatedIdentity(dataDirectory);
        var port = FreePort.Next();
        var settings = new RunSettings("/nonexistent/appsettings.json", false, true,
            [$"Diagnostics:Port={port}", .. overrides]);
        var app = GatewayHost.Build(settings, identity);
        GatewayHost.ValidateEagerly(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningGateway(app, identity, port, dataDirectory);
    }

    /// <summary>GETs the login form and returns its CSRF token (the antiforgery cookie lands in the jar).</summary>
    public async Task<string> LoginFormTokenAsync()
    {
        var html = await Client.GetStringAsync("/login", TestContext.Current.CancellationToken);
        return CsrfField().Match(html).Groups[1].Value;
    }

    public async Task<HttpResponseMessage> PostLoginAsync(string password, string? token = null)
    {
        token ??= await LoginFormTokenAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = token, ["password"] = password });
        return await Client.PostAsync("/login", form, TestContext.Current.CancellationToken);
    }

    public async Task LoginAsync()
    {
        using var response = await PostLoginAsync(Identity.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}

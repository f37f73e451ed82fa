using System.Net.Http.Headers;
using System.Text.Json;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Hosting;
using EdgeGateway.CloudBridge.Ingest;
using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.CloudBridge.Store;
using EdgeGateway.Testing.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Tests.Support;

/// <summary>One real bridge instance in-process: real Kestrel on a free loopback port, real MQTT client, real store.</summary>
public sealed class BridgeUnderTest : IAsyncDisposable
{
    public const string Token = "test-token-0123456789abcdef";

    private readonly WebApplication _app;
    private readonly DirectoryInfo _directory;

    private BridgeUnderTest(WebApplication app, DirectoryInfo directory, BridgeOptions options)
    {
        _app = app;
        _directory = directory;
        Options = options;
        Http = new HttpClient { BaseAddress = new Uri(options.Api.Url) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", Token);
    }

    public BridgeOptions Options { get; }

    public HttpClient Http { get; }

    public IFleetStore Store => _app.Services.GetRequiredService<IFleetStore>();

    /// <summary>The bridge's own services, for tests that hand work to a connector directly.</summary>
    public IServiceProvider Services => _app.Services;

    public BridgeMetrics Metrics => _app.Services.GetRequiredService<BridgeMetrics>();

    public bool IsConnected => _app.Services.GetRequiredService<IMqttPublisher>().IsConnected;

    public static async Task<BridgeUnderTest> StartAsync(int mqttPort, Action<BridgeOptions>? configure = null, TimeProvider? time = null, CapturedLogs? logs = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("egw-bridge-");
        var options = new BridgeOptions();
        options.Mqtt.Port = mqttPort;
        options.Mqtt.ClientId = $"bridge-{Guid.NewGuid():N}";
        // A bridge's persistent session keeps its share of the group's messages after it stops, so every
        // test gets its own group; instances sharing work get the same one through configure.
        options.Mqtt.SharedGroup = $"g{Guid.NewGuid():N}";
        options.Mqtt.ReconnectDelayMs = 100;
        options.Store.LiteDbPath = Path.Combine(directory.FullName, "fleet.db");
        options.Connectors.QueuePath = Path.Combine(directory.FullName, "connectors.db");
        options.Api.Url = $"http://127.0.0.1:{FreePort.Next()}";
        options.Api.Tokens.Add(Token);
        configure?.Invoke(options);
        var app = BridgeHost.Build(options, time ?? TimeProvider.System, logging =>
        {
            if (logs is not null)
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                logging.AddProvider(logs);
            }
        });
        await BridgeHost.InitializeStoreAsync(app, ct);
        await app.StartAsync(ct);
        return new BridgeUnderTest(app, directory, options);
    }

    public async Task WaitConnectedAsync()
    {
        await Eventually.TrueAsync(() => Task.FromResult(IsConnected), "the bridge connects to the broker");
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // leftover temp files are harmless
        }
    }
}

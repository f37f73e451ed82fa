using System.Net.Http.Headers;
using System.Text.Json;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Hosting;
using EdgeGateway.Testing.Tools;
using Microsoft.AspNetCore.Builder;

namespace EdgeGateway.EndToEnd.Connectors;

/// <summary>The real bridge in this process (its own LiteDB files in a temp directory), configured by the test, with its fleet API client.</summary>
internal sealed class InProcessBridge : IAsyncDisposable
{
    public const string Token = "e2e-connectors-0123456789";

    private readonly WebApplication _app;
    private readonly DirectoryInfo _directory;

    private InProcessBridge(WebApplication app, DirectoryInfo directory, BridgeOptions options)
    {
        _app = app;
        _directory = directory;
        Http = new HttpClient { BaseAddress = new Uri(options.Api.Url) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", Token);
    }

    public HttpClient Http { get; }

    public static async Task<InProcessBridge> StartAsync(int mqttPort, Action<BridgeOptions> configure)
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("egw-e2e-bridge-");
        var options = new BridgeOptions();
        options.Mqtt.Port = mqttPort;
        options.Mqtt.ClientId = $"bridge-{Guid.NewGuid():N}";
        options.Mqtt.SharedGroup = $"g{Guid.NewGuid():N}";
        options.Mqtt.ReconnectDelayMs = 100;
        options.Store.LiteDbPath = Path.Combine(directory.FullName, "fleet.db");
        options.Connectors.QueuePath = Path.Combine(directory.FullName, "connectors.db");
        options.Api.Url = $"http://127.0.0.1:{FreePort.Next()}";
        options.Api.Tokens.Add(Token);
        configure(options);
        var app = BridgeHost.Build(options, TimeProvider.System, _ => { });
        await BridgeHost.InitializeStoreAsync(app, ct);
        await app.StartAsync(ct);
        return new InProcessBridge(app, directory, options);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var body = await Http.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
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

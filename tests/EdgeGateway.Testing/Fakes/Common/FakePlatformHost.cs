using EdgeGateway.Testing.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Testing.Fakes.Common;

/// <summary>
/// Runs one fake platform as a real Kestrel app on a free loopback port, with fault injection in front of
/// its endpoints and a log of the requests that reached them.
/// </summary>
public sealed class FakePlatformHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<FakeRequest> _requests = [];

    private FakePlatformHost(WebApplication app, Uri baseAddress, FakeFaults faults)
    {
        _app = app;
        BaseAddress = baseAddress;
        Faults = faults;
    }

    /// <summary>Root of the server, e.g. http://127.0.0.1:5123/ (platform paths such as /api/... append to it).</summary>
    public Uri BaseAddress { get; }

    public FakeFaults Faults { get; }

    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakePlatformHost> StartAsync(Action<WebApplication> mapEndpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapEndpoints);
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var faults = new FakeFaults();
        var host = new FakePlatformHost(app, new Uri($"http://127.0.0.1:{port}/"), faults);
        app.Use(async (context, next) =>
        {
            if (await faults.ApplyAsync(context))
            {
                return;
            }

            host.Record(context.Request);
            await next(context);
        });
        mapEndpoints(app);
        await app.StartAsync(cancellationToken);
        return host;
    }

    private void Record(HttpRequest request)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        lock (_gate)
        {
            _requests.Add(new FakeRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", request.ContentType, headers));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.PlatformFakes.Common;

/// <summary>
/// Base of every platform fake: a real Kestrel server on a free loopback port, a request log, and a
/// <see cref="FaultPlan"/> applied before the platform's own endpoints (error statuses with the body the
/// platform would send, Retry-After, slow answers). A derived fake maps its seed's endpoints in <see cref="Map"/>.
/// </summary>
public abstract class FakePlatform : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;

    public FaultPlan Faults { get; } = new();

    /// <summary>`http://127.0.0.1:port/` once started.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Requests whose path starts with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string prefix) => [.. _requests.Where(r => r.Path.StartsWith(prefix, StringComparison.Ordinal))];

    public void ClearRequests() => _requests.Clear();

    /// <summary>The body of an injected error status, in the platform's own error format.</summary>
    protected abstract string ErrorBody(int status);

    /// <summary>Maps the platform's endpoints.</summary>
    protected abstract void Map(IEndpointRouteBuilder app);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(RecordAndInjectAsync);
        Map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.TrimEnd('/') + "/");
        _app = app;
    }

    private async Task RecordAndInjectAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(context.Request.Body, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        context.Request.Body.Position = 0;
        var fault = Faults.Take(context.Request.Path.Value ?? "/");
        if (fault?.Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                Record(context, body, 499);
                return;
            }
        }

        if (fault?.Status is { } status)
        {
            context.Response.StatusCode = status;
            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(fault.Body ?? ErrorBody(status), context.RequestAborted);
            Record(context, body, status);
            return;
        }

        await next(context);
        Record(context, body, context.Response.StatusCode);
    }

    private void Record(HttpContext context, string body, int status)
    {
        var request = context.Request;
        _requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Path.Value ?? "/",
            request.QueryString.Value ?? string.Empty,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            request.ContentType ?? string.Empty,
            body,
            status,
            DateTimeOffset.UtcNow));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

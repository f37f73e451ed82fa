using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdgeGateway.Edge.Diagnostics.Logs;
using EdgeGateway.Edge.Hosting;
using EdgeGateway.Edge.SelfTest;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>
/// The JSON API the page itself uses (/api/…), the live event stream, /metrics and the anonymous /health.
/// </summary>
public static class ApiEndpoints
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", (IEnumerable<IHealthSource> sources) =>
        {
            var reports = sources.Select(s => s.Check()).ToArray();
            var healthy = reports.All(r => r.Healthy);
            // Minimal on purpose: anyone on the LAN can read it, so no details beyond part names.
            return Results.Json(
                new HealthSummary(healthy ? "ok" : "unhealthy", reports.ToDictionary(r => r.Part, r => r.Healthy)),
                DiagnosticsJsonContext.Default.HealthSummary,
                statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        var api = routes.MapGroup("/api").RequireAuthorization();
        api.MapGet("/csrf", (HttpContext http, IAntiforgery antiforgery) =>
            Results.Json(new CsrfTokenResponse(antiforgery.GetAndStoreTokens(http).RequestToken), DiagnosticsJsonContext.Default.CsrfTokenResponse));
        api.MapGet("/status", (IEnumerable<IStatusContributor> parts, IEnumerable<IHealthSource> health) =>
            Results.Bytes(StatusDocument.Write(parts, health), JsonContentType));
        api.MapGet("/logs", (LogRing ring, long? since) => Results.Json(ring.Since(since ?? 0), DiagnosticsJsonContext.Default.IReadOnlyListLogLine));
        api.MapGet("/logs/download", (LogRing ring, IOptions<GatewayOptions> gateway, TimeProvider time) =>
        {
            var text = new StringBuilder();
            foreach (var line in ring.Since(0))
            {
                text.Append(CultureInfo.InvariantCulture, $"{line.At:O} {line.Level,-11} {line.Category}: {line.Message}\n");
            }

            var name = $"edgegw-{gateway.Value.GatewayId}-{time.GetUtcNow():yyyyMMdd-HHmmss}.log";
            return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/plain; charset=utf-8", name);
        });
        api.MapPost("/selftest", async (SelfTestRunner runner, CancellationToken ct) =>
            Results.Json(await runner.RunAsync(ct), DiagnosticsJsonContext.Default.IReadOnlyListSelfTestResult)).AddEndpointFilter<CsrfFilter>();
        api.MapGet("/events", StreamEventsAsync);

        routes.MapGet("/metrics", (HttpContext http, IEnumerable<IMetricsContributor> contributors, IOptions<DiagnosticsOptions> options) =>
        {
            if (!MayReadMetrics(http, options.Value))
            {
                return Results.Unauthorized();
            }

            var output = new StringBuilder();
            foreach (var contributor in contributors)
            {
                contributor.WriteMetrics(output);
            }

            return Results.Text(output.ToString(), "text/plain; version=0.0.4; charset=utf-8");
        });
    }

    /// <summary>
    /// Server-sent events: a `status` document every second and each new `log` line as it happens.
    /// The page keeps one of these open instead of polling.
    /// </summary>
    private static async Task StreamEventsAsync(
        HttpContext http, IEnumerable<IStatusContributor> parts, IEnumerable<IHealthSource> health, LogRing ring, TimeProvider time)
    {
        var ct = http.RequestAborted;
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var partList = parts.ToArray();
        var healthList = health.ToArray();
        var nextLog = long.TryParse(http.Request.Query["since"], NumberStyles.None, CultureInfo.InvariantCulture, out var since) ? since : 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            do
            {
                await WriteEventAsync(http, "status", StatusDocument.Write(partList, healthList), ct);
                foreach (var line in ring.Since(nextLog))
                {
                    await WriteEventAsync(http, "log", JsonSerializer.SerializeToUtf8Bytes(line, DiagnosticsJsonContext.Default.LogLine), ct);
                    nextLog = line.Sequence + 1;
                }

                await http.Response.Body.FlushAsync(ct);
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
            // The technician closed the page.
        }
    }

    private static async Task WriteEventAsync(HttpContext http, string name, byte[] json, CancellationToken ct)
    {
        // Compact JSON never contains a newline, so the whole document is one SSE data line.
        await http.Response.WriteAsync($"event: {name}\ndata: ", ct);
        await http.Response.Body.WriteAsync(json, ct);
        await http.Response.WriteAsync("\n\n", ct);
    }

    private static bool MayReadMetrics(HttpContext http, DiagnosticsOptions options)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return true;
        }

        if (string.IsNullOrEmpty(options.MetricsToken))
        {
            return false;
        }

        var header = http.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.Ordinal))
        {
            return false;
        }

        var offered = Encoding.UTF8.GetBytes(header[bearer.Length..]);
        var expected = Encoding.UTF8.GetBytes(options.MetricsToken);
        return CryptographicOperations.FixedTimeEquals(offered, expected);
    }
}

using System.Globalization;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.CloudBridge.Desired;
using EdgeGateway.CloudBridge.Ingest;
using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.CloudBridge.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Api;

/// <summary>
/// The HTTP surface: `/health`, `/metrics` (Prometheus), and the token-protected fleet API under
/// `/api/v1/` — list and retrieve gateways, beacons, nfc-tags, sites and streams with the seed's filter,
/// search, ordering and limit/offset conventions, and set a beacon's desired TX power / interval.
/// </summary>
internal static partial class FleetApi
{
    public static void Map(IEndpointRouteBuilder app, BridgeOptions options)
    {
        app.MapGet("/health", HealthAsync);
        app.MapGet("/metrics", (BridgeMetrics metrics) => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));

        var api = app.MapGroup("/api/v1").AddEndpointFilter(new TokenAuthentication(options.Api));
        api.MapGet("/", () => Results.Json(FleetResources.All.ToDictionary(r => r.Name, r => $"/api/v1/{r.Name}/")));
        api.MapGet("/connectors/", (ConnectorStatusBoard board) => Results.Json(ConnectorStatusJson.Body(board.All()), ConnectorStatusJson.Options));
        api.MapGet("/{resource}/", ListAsync);
        api.MapGet("/{resource}/{id:long}/", RetrieveAsync);
        api.MapMethods("/beacons/{id:long}/", [HttpMethods.Put, HttpMethods.Patch], SetDesiredAsync);
    }

    private static async Task<IResult> HealthAsync(IFleetStore store, IMqttPublisher mqtt, CancellationToken cancellationToken)
    {
        bool storeOk;
        try
        {
            storeOk = await store.IsHealthyAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            storeOk = false;
        }

        var body = new Dictionary<string, string>
        {
            ["status"] = storeOk && mqtt.IsConnected ? "ok" : "degraded",
            ["mqtt"] = mqtt.IsConnected ? "connected" : "disconnected",
            ["store"] = storeOk ? "ok" : "unavailable",
        };
        return Results.Json(body, statusCode: storeOk && mqtt.IsConnected ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> ListAsync(string resource, HttpContext context, IFleetStore store, BridgeOptions options, CancellationToken cancellationToken)
    {
        var schema = FleetResources.All.FirstOrDefault(r => r.Name == resource);
        if (schema is null)
        {
            return NotFound($"no resource '{resource}'; try {string.Join(", ", FleetResources.All.Select(r => r.Name))}");
        }

        var parameters = context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? "")));
        var (query, error) = ListQueryParser.Parse(schema, parameters, options.Api.DefaultPageSize, options.Api.MaxPageSize);
        if (query is null)
        {
            return Results.Json(new Dictionary<string, string> { ["detail"] = error! }, statusCode: StatusCodes.Status400BadRequest);
        }

        var page = await store.ListAsync(schema, query, cancellationToken);
        var body = new Dictionary<string, object?>
        {
            ["count"] = page.Count,
            ["next"] = query.Offset + query.Limit < page.Count ? PageUrl(context.Request, query.Limit, query.Offset + query.Limit) : null,
            ["previous"] = query.Offset > 0 ? PageUrl(context.Request, query.Limit, Math.Max(0, query.Offset - query.Limit)) : null,
            ["results"] = page.Rows,
        };
        return Results.Json(body);
    }

    private static async Task<IResult> RetrieveAsync(string resource, long id, IFleetStore store, CancellationToken cancellationToken)
    {
        var schema = FleetResources.All.FirstOrDefault(r => r.Name == resource);
        if (schema is null)
        {
            return NotFound($"no resource '{resource}'");
        }

        var record = await store.GetAsync(schema, id, cancellationToken);
        return record is null ? NotFound($"no {resource} with id {id}") : Results.Json(record);
    }

    private static async Task<IResult> SetDesiredAsync(
        long id, HttpContext context, IFleetStore store, DesiredConfigPublisher publisher, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        var (change, error) = DesiredBeaconChange.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (change is null)
        {
            return Results.Json(new Dictionary<string, string> { ["detail"] = error! }, statusCode: StatusCodes.Status400BadRequest);
        }

        var plan = await store.SetDesiredAsync(id, change.TxPowerDbm, change.IntervalMs, cancellationToken);
        if (plan is null)
        {
            return NotFound($"no beacons with id {id}");
        }

        if (plan.Site.Length == 0)
        {
            return Results.Json(
                new Dictionary<string, string> { ["detail"] = $"beacon {id} has no site yet: it must be heard by a gateway whose birth named its site" },
                statusCode: StatusCodes.Status409Conflict);
        }

        try
        {
            await publisher.PublishAsync(plan, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            LogPublishFailed(loggers.CreateLogger("EdgeGateway.CloudBridge.Api"), plan.Site, plan.Version, ex.Message);
            return Results.Json(
                new Dictionary<string, string> { ["detail"] = $"desired config stored (site {plan.Site} version {plan.Version}) but not published: {ex.Message}; repeat the request to publish" },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Json(await store.GetAsync(FleetResources.Beacons, id, cancellationToken));
    }

    private static IResult NotFound(string detail) =>
        Results.Json(new Dictionary<string, string> { ["detail"] = detail }, statusCode: StatusCodes.Status404NotFound);

    private static string PageUrl(HttpRequest request, int limit, int offset)
    {
        var query = request.Query
            .Where(q => q.Key is not "limit" and not "offset")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new("limit", limit.ToString(CultureInfo.InvariantCulture)))
            .Append(new("offset", offset.ToString(CultureInfo.InvariantCulture)));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Desired config of site {Site} version {Version} stored but not published: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string site, long version, string reason);
}

using System.Text.Json;
using EdgeGateway.Edge.BeaconConfig;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>The Beacon config tab's API: desired against reported, read a beacon's settings now, set TX power / interval.</summary>
public static class BeaconConfigEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/beacon-config").RequireAuthorization();
        group.MapGet("/", (BeaconConfigDiagnostics diagnostics) => Results.Json(diagnostics.Snapshot(), DiagnosticsJsonContext.Default.BeaconConfigStatus));
        group.MapPost("/read", async (HttpContext http, BeaconConfigService service, CancellationToken ct) =>
        {
            var request = await ReadRequestAsync(http, ct);
            if (request.Error is { } error)
            {
                return Error(error);
            }

            var (settings, failure) = await service.Configurator.ReadAsync(request.Change!.BeaconId, ct);
            return settings is null
                ? Failed(failure!)
                : Results.Json(
                    new BeaconSettingsReadBack(
                        request.Change.BeaconId,
                        settings.TxPowerDbm,
                        settings.IntervalMs,
                        settings.AdvertisedTxPowerDbm,
                        settings.LockState.ToString(),
                        settings.Capabilities.TxPowerLevels),
                    DiagnosticsJsonContext.Default.BeaconSettingsReadBack);
        }).AddEndpointFilter<CsrfFilter>();
        group.MapPost("/set", async (HttpContext http, BeaconConfigService service, CancellationToken ct) =>
        {
            var request = await ReadRequestAsync(http, ct);
            if (request.Error is { } error)
            {
                return Error(error);
            }

            if (request.Change!.TxPowerDbm is null && request.Change.IntervalMs is null)
            {
                return Error("give a TX power, an interval, or both");
            }

            var report = await service.SetAsync(request.Change, ct);
            return report.State == BeaconConfigStates.Failed
                ? Failed(report)
                : Results.Json(report, ProtocolJsonContext.Default.BeaconReported);
        }).AddEndpointFilter<CsrfFilter>();
    }

    private static IResult Error(string error) =>
        Results.Json(new ErrorResponse(error), DiagnosticsJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status400BadRequest);

    private static IResult Failed(BeaconReported report) =>
        Results.Json(new BeaconConfigFailure($"{report.Reason}: {report.Detail}", report), DiagnosticsJsonContext.Default.BeaconConfigFailure,
            statusCode: StatusCodes.Status409Conflict);

    /// <summary>Parses {beaconId, txPowerDbm?, intervalMs?} with the same limits as the desired-config schema.</summary>
    public static async Task<(BeaconDesired? Change, string? Error)> ReadRequestAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
            var root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("beaconId", out var id) || id.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(id.GetString()))
            {
                return (null, "send {\"beaconId\": \"…\", \"txPowerDbm\": -8, \"intervalMs\": 1000}");
            }

            int? Number(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n
                : root.TryGetProperty(name, out var w) && w.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? throw new FormatException($"{name} must be a whole number")
                : null;
            var change = new BeaconDesired { BeaconId = id.GetString()!.Trim(), TxPowerDbm = Number("txPowerDbm"), IntervalMs = Number("intervalMs") };
            return change.TxPowerDbm is < -40 or > 20 ? (null, "txPowerDbm must be -40..20")
                : change.IntervalMs is < 20 or > 10_240 ? (null, "intervalMs must be 20..10240")
                : (change, null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return (null, ex.Message);
        }
    }
}

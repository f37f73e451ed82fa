using System.Text.Json;
using EdgeGateway.Edge.Nfc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>The NFC tab's actions: read the tag on the reader now, and encode a URL onto the next tag.</summary>
public static class NfcEndpoints
{
    private static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WriteWait = TimeSpan.FromSeconds(20);

    public static void Map(IEndpointRouteBuilder routes)
    {
        var nfc = routes.MapGroup("/api/nfc").RequireAuthorization().AddEndpointFilter<CsrfFilter>();
        nfc.MapPost("/read", async (NfcRecentTaps taps, CancellationToken ct) =>
        {
            var read = await taps.ReadNowAsync(ReadWait, ct);
            return read is null
                ? Error($"no tag on the reader within {ReadWait.TotalSeconds:0} s: hold a tag flat on the antenna", StatusCodes.Status408RequestTimeout)
                : Results.Json(read, Protocol.Serialization.ProtocolJsonContext.Default.TagReadItem);
        });
        nfc.MapPost("/write-url", async (HttpContext http, NfcWriteJobs jobs, CancellationToken ct) =>
        {
            string? url;
            try
            {
                using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
                url = body.RootElement.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            }
            catch (JsonException)
            {
                url = null;
            }

            if (url is null)
            {
                return Error("send {\"url\": \"https://…\"}", StatusCodes.Status400BadRequest);
            }

            if (!NfcWriteJobs.IsWritableUrl(url, out var reason))
            {
                return Error(reason, StatusCodes.Status400BadRequest);
            }

            var result = await jobs.WriteUrlAsync(url, WriteWait, ct);
            return result.Success
                ? Results.Json(result, Hosting.EdgeJsonContext.Default.NfcWriteResult)
                : Error(result.Error, StatusCodes.Status409Conflict);
        });
    }

    private static IResult Error(string? error, int statusCode) =>
        Results.Json(new ErrorResponse(error), DiagnosticsJsonContext.Default.ErrorResponse, statusCode: statusCode);
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Connectors.Xerts;

/// <summary>
/// The Xerts client-action endpoints. The seed's documented 404 bodies ({"error":{"status":404,"message":...}})
/// are answers, not failures: they come back as <see cref="XertsRefusal"/> with the platform's message.
/// </summary>
public sealed class XertsClient(PlatformClient client)
{
    /// <summary>POST siteOffers/:siteId/device/:deviceId: the coupons issued now, or the refusal (unknown site).</summary>
    public async Task<(IReadOnlyList<XertsCoupon> Coupons, XertsRefusal? Refusal)> IssueAsync(string siteId, string deviceId, CancellationToken cancellationToken) =>
        await ResultsAsync(HttpMethod.Post, $"siteOffers/{Uri.EscapeDataString(siteId)}/device/{Uri.EscapeDataString(deviceId)}", cancellationToken);

    /// <summary>GET coupons/sites/:siteId/devices/:deviceId (siteId `all` for every site).</summary>
    public async Task<(IReadOnlyList<XertsCoupon> Coupons, XertsRefusal? Refusal)> CouponsAsync(string siteId, string deviceId, CancellationToken cancellationToken) =>
        await ResultsAsync(HttpMethod.Get, $"coupons/sites/{Uri.EscapeDataString(siteId)}/devices/{Uri.EscapeDataString(deviceId)}", cancellationToken);

    /// <summary>PUT coupons/sites/:siteId/activate/:code: null when activated, else the refusal (already redeemed or unknown code).</summary>
    public async Task<XertsRefusal?> ActivateAsync(string siteId, string code, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, $"coupons/sites/{Uri.EscapeDataString(siteId)}/activate/{Uri.EscapeDataString(code)}"), cancellationToken);
        if (await RefusalAsync(response, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        await client.EnsureSuccessAsync(response, cancellationToken);
        return null;
    }

    private async Task<(IReadOnlyList<XertsCoupon>, XertsRefusal?)> ResultsAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(() => new HttpRequestMessage(method, path), cancellationToken);
        if (await RefusalAsync(response, cancellationToken) is { } refusal)
        {
            return ([], refusal);
        }

        await client.EnsureSuccessAsync(response, cancellationToken);
        using var body = await ParseAsync(response, cancellationToken);
        if (!body.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            throw new PlatformException($"xerts: {method} {path} answered without a results array", response.StatusCode);
        }

        return ([.. results.EnumerateArray().Select(Coupon)], null);
    }

    /// <summary>The documented 404 error body as a refusal; null for any other answer.</summary>
    private static async Task<XertsRefusal?> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            return null;
        }

        try
        {
            using var body = await ParseAsync(response, cancellationToken);
            return body.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? new XertsRefusal(404, message.GetString()!)
                : new XertsRefusal(404, "not found");
        }
        catch (PlatformException)
        {
            return new XertsRefusal(404, "not found");
        }
    }

    private static async Task<JsonDocument> ParseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new PlatformException($"xerts: answer {(int)response.StatusCode} is not JSON: {ex.Message}", response.StatusCode);
        }
    }

    private static XertsCoupon Coupon(JsonElement c) => new(
        Text(c, "id") ?? string.Empty,
        Text(c, "redeemCode") ?? throw new PlatformException("xerts: a coupon without redeemCode"),
        c.TryGetProperty("offer", out var offer) && offer.ValueKind == JsonValueKind.Object ? Text(offer, "title") : null,
        Time(c, "expiresOn"),
        Time(c, "createdOn"),
        c.TryGetProperty("redeemedOn", out var redeemed) && redeemed.ValueKind == JsonValueKind.String);

    // Ids are UUID strings in most answers and numbers in some of the seed's examples.
    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    } : null;

    private static DateTimeOffset? Time(JsonElement e, string name) =>
        Text(e, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}

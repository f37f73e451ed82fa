using System.Globalization;
using System.Net;
using System.Text.Json;
using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Connectors.WifiVouchers;

/// <summary>
/// The Wi-Fi platform's API: every call carries `slug` (the team); lists are paged with per_page/page and
/// followed to the end through next_page_url (Laravel paginator); POST /vouchers is form-encoded.
/// </summary>
public sealed class WifiVoucherClient(PlatformClient client, WifiVouchersOptions options)
{
    private const int MaxPages = 10_000;

    public IAsyncEnumerable<JsonElement> VenuesAsync(CancellationToken cancellationToken) => ListAsync("venues", "", cancellationToken);

    public IAsyncEnumerable<JsonElement> VisitsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        ListAsync("customer-visits", $"&start_date={Day(from)}&end_date={Day(to)}", cancellationToken);

    public async IAsyncEnumerable<WifiVoucher> VouchersAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var v in ListAsync("vouchers", "", cancellationToken))
        {
            var created = Time(v, "created_at");
            var expires = Time(v, "expires_at")
                ?? (created is { } c && v.TryGetProperty("number_of_days", out var d) && d.TryGetInt32(out var days) ? c.AddDays(days) : null);
            yield return new WifiVoucher(v.GetProperty("id").GetInt64(), v.GetProperty("code").GetString() ?? "", expires);
        }
    }

    /// <summary>Creates the voucher; null when created, else the platform's 4xx message (e.g. the code is taken).</summary>
    public async Task<string?> CreateVoucherAsync(WifiVoucherRequest voucher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("slug", options.Team),
            new("code", voucher.Code),
            new("venue_id", voucher.VenueId.ToString(CultureInfo.InvariantCulture)),
            new("number_of_days", voucher.NumberOfDays.ToString(CultureInfo.InvariantCulture)),
        };
        Optional(fields, "upspeed", voucher.UpSpeedMbps);
        Optional(fields, "downspeed", voucher.DownSpeedMbps);
        Optional(fields, "volumecap", voucher.VolumeCapGb);
        Optional(fields, "max_devices", voucher.MaxDevices);
        using var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "vouchers") { Content = new FormUrlEncodedContent(fields) }, cancellationToken);
        if (response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest or HttpStatusCode.Conflict)
        {
            return await MessageAsync(response, cancellationToken);
        }

        await client.EnsureSuccessAsync(response, cancellationToken);
        return null;
    }

    /// <summary>DELETE /vouchers/{id}; a voucher already gone (404) counts as deleted.</summary>
    public async Task DeleteVoucherAsync(long id, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Delete, $"vouchers/{id.ToString(CultureInfo.InvariantCulture)}?slug={Uri.EscapeDataString(options.Team)}"), cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await client.EnsureSuccessAsync(response, cancellationToken);
        }
    }

    private IAsyncEnumerable<JsonElement> ListAsync(string path, string extraQuery, CancellationToken cancellationToken)
    {
        var first = new Uri(client.BaseUri, $"{path}?slug={Uri.EscapeDataString(options.Team)}&per_page={options.PageSize.ToString(CultureInfo.InvariantCulture)}{extraQuery}");
        return PageFollower.FollowAsync(first, FetchAsync, MaxPages, cancellationToken);
    }

    private async Task<Page<JsonElement>> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        using var body = await client.SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
        var root = body.RootElement;
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new PlatformException($"wifivouchers: {url.AbsolutePath} answered without a data array");
        }

        var next = root.TryGetProperty("next_page_url", out var n) && n.ValueKind == JsonValueKind.String ? new Uri(n.GetString()!, UriKind.RelativeOrAbsolute) : null;
        return new Page<JsonElement>([.. data.EnumerateArray().Select(e => e.Clone())], next);
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var body = JsonDocument.Parse(text);
            if (body.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return $"{(int)response.StatusCode} {message.GetString()}";
            }
        }
        catch (JsonException)
        {
            // not JSON: the raw text below says what it was
        }

        return $"{(int)response.StatusCode} {(text.Length > 200 ? text[..200] : text)}";
    }

    private static void Optional(List<KeyValuePair<string, string>> fields, string name, int? value)
    {
        if (value is { } v)
        {
            fields.Add(new(name, v.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String &&
        DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Connectors.BeeLiked;

/// <summary>
/// The `promotion-entry` NFC action: POST /addons/entryLink (promotion_id, uid, field_values[slug], secret_key;
/// multipart form as the seed's curl -F) and send the single-use entry_url to the gateway as `nfc.write-url`,
/// which writes it on the tag still on the reader (or the next one presented). The ledger keeps the URL, so a
/// retried tap never asks for a second link; a 400/404 (promotion without the add-on, unknown promotion) is recorded as refused.
/// </summary>
public sealed class BeeLikedEntryAction(PlatformClient client, BeeLikedOptions options) : INfcActionPlatform
{
    public const string ConnectorName = "beeliked";


    public string Action => NfcActionKinds.PromotionEntry;

    public async Task<NfcActionOutcome> RunAsync(NfcActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rule = request.Rule;
        HttpRequestMessage Build()
        {
            var form = new MultipartFormDataContent { { new StringContent(rule.PromotionId!.Value.ToString(CultureInfo.InvariantCulture)), "promotion_id" } };
            if (rule.EntryUid is { } uid)
            {
                form.Add(new StringContent(NfcActionRules.Fill(uid, request.Uid, request.Site, request.GatewayId)), "uid");
            }

            foreach (var (slug, value) in rule.FieldValues)
            {
                form.Add(new StringContent(NfcActionRules.Fill(value, request.Uid, request.Site, request.GatewayId)), $"field_values[{slug}]");
            }

            if (options.EntryLinkSecretKey is { } secret)
            {
                form.Add(new StringContent(secret), "secret_key");
            }

            var message = new HttpRequestMessage(HttpMethod.Post, "addons/entryLink") { Content = form };
            message.Headers.Accept.ParseAdd("application/json");
            return message;
        }

        using var response = await client.SendAsync(Build, cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound)
        {
            return NfcActionOutcome.Refused($"BeeLiked {(int)response.StatusCode}: {await MessageAsync(response, cancellationToken)}");
        }

        await client.EnsureSuccessAsync(response, cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        if (!body.RootElement.TryGetProperty("entry_url", out var url) || url.ValueKind != JsonValueKind.String ||
            !Uri.TryCreate(url.GetString(), UriKind.Absolute, out _))
        {
            throw new PlatformException("beeliked: addons/entryLink answered without an absolute entry_url", response.StatusCode);
        }

        return NfcActionOutcome.Issued(url.GetString()!, $"promotion {rule.PromotionId}");
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var body = JsonDocument.Parse(text);
            return body.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : text;
        }
        catch (JsonException)
        {
            return text.Length > 200 ? text[..200] : text;
        }
    }
}

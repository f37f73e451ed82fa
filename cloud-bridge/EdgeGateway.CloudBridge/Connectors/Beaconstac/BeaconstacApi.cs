using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Connectors.Beaconstac;

/// <summary>
/// The seed API's calls the connector makes: places by name, beacons and NFC tags of a place (list endpoints
/// with `place__name` / `serial_number` filters, followed page by page to the end), and updates. Beacon
/// updates are form-encoded (the seed: "accepts form-encoded request bodies") and carry the writable required
/// fields name and place; NFC tag updates are JSON because `meta` is an object.
/// </summary>
internal sealed class BeaconstacApi(PlatformClient client, BeaconstacOptions options)
{
    private const int MaxPages = 10_000;

    public async Task<long?> FindPlaceAsync(string name, CancellationToken cancellationToken)
    {
        await foreach (var place in ListAsync("places/", [new("name", name)], e => e.Clone(), cancellationToken))
        {
            if (PlatformBeacon.Str(place, "name") == name)
            {
                return place.GetProperty("id").GetInt64();
            }
        }

        return null;
    }

    public IAsyncEnumerable<PlatformBeacon> BeaconsOfPlaceAsync(string place, CancellationToken cancellationToken) =>
        ListAsync("beacons/", [new("place__name", place)], PlatformBeacon.From, cancellationToken);

    public IAsyncEnumerable<PlatformBeacon> BeaconsBySerialAsync(string serial, CancellationToken cancellationToken) =>
        ListAsync("beacons/", [new("serial_number", serial)], PlatformBeacon.From, cancellationToken);

    public IAsyncEnumerable<PlatformNfcTag> NfcTagsOfPlaceAsync(string place, CancellationToken cancellationToken) =>
        ListAsync("nfctags/", [new("place__name", place)], PlatformNfcTag.From, cancellationToken);

    /// <summary>PUT beacons/{id}/ with name, place and the given writable fields.</summary>
    public async Task<PlatformBeacon> UpdateBeaconAsync(PlatformBeacon beacon, IReadOnlyList<KeyValuePair<string, int>> fields, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("name", beacon.Name), new("place", beacon.Place?.ToString(CultureInfo.InvariantCulture) ?? "") };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value.ToString(CultureInfo.InvariantCulture))));
        using var json = await client.SendJsonAsync(
            () => new HttpRequestMessage(HttpMethod.Put, $"beacons/{beacon.Id.ToString(CultureInfo.InvariantCulture)}/") { Content = new FormUrlEncodedContent(form) },
            cancellationToken);
        return PlatformBeacon.From(json.RootElement);
    }

    /// <summary>PUT nfctags/{id}/ with name, place and a new meta object.</summary>
    public async Task<PlatformNfcTag> UpdateNfcTagAsync(PlatformNfcTag tag, JsonObject meta, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["name"] = tag.Name, ["place"] = tag.Place, ["meta"] = meta }.ToJsonString();
        using var json = await client.SendJsonAsync(
            () => new HttpRequestMessage(HttpMethod.Put, $"nfctags/{tag.Id.ToString(CultureInfo.InvariantCulture)}/")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            },
            cancellationToken);
        return PlatformNfcTag.From(json.RootElement);
    }

    private IAsyncEnumerable<T> ListAsync<T>(string path, IReadOnlyList<KeyValuePair<string, string>> filters, Func<JsonElement, T> map, CancellationToken cancellationToken)
    {
        var query = string.Join('&', filters.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")
            .Append($"limit={options.PageSize.ToString(CultureInfo.InvariantCulture)}"));
        return PageFollower.FollowAsync(new Uri(client.BaseUri, $"{path}?{query}"), (url, ct) => PageAsync(url, map, ct), MaxPages, cancellationToken);
    }

    private async Task<Page<T>> PageAsync<T>(Uri url, Func<JsonElement, T> map, CancellationToken cancellationToken)
    {
        using var json = await client.SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            throw new PlatformException($"beaconstac: {url.GetLeftPart(UriPartial.Path)} did not answer a list page ({{count, next, previous, results}})", status: null);
        }

        var next = root.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? new Uri(n.GetString()!, UriKind.RelativeOrAbsolute) : null;
        return new Page<T>([.. results.EnumerateArray().Select(map)], next);
    }
}

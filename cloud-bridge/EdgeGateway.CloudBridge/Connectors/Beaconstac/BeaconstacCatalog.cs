using System.Collections.Concurrent;

namespace EdgeGateway.CloudBridge.Connectors.Beaconstac;

/// <summary>
/// The platform's view of each site, loaded through the list endpoints (all pages) and reused until it is
/// older than the poll interval. Shared by the event handler (lookups) and the poller (refreshes).
/// </summary>
internal sealed class BeaconstacCatalog(BeaconstacApi api, BeaconstacOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SiteCatalog> _sites = new(StringComparer.Ordinal);

    /// <summary>The cached catalog of a site, refreshed first when older than the poll interval.</summary>
    public async Task<SiteCatalog> GetAsync(string site, CancellationToken cancellationToken)
    {
        if (_sites.TryGetValue(site, out var cached) && time.GetUtcNow() - cached.LoadedAt < TimeSpan.FromMilliseconds(options.PollIntervalMs))
        {
            return cached;
        }

        return await RefreshAsync(site, cancellationToken);
    }

    public async Task<SiteCatalog> RefreshAsync(string site, CancellationToken cancellationToken)
    {
        var placeName = options.PlaceOf(site);
        var placeId = await api.FindPlaceAsync(placeName, cancellationToken);
        var beacons = new List<PlatformBeacon>();
        var tags = new List<PlatformNfcTag>();
        if (placeId is not null)
        {
            await foreach (var beacon in api.BeaconsOfPlaceAsync(placeName, cancellationToken))
            {
                beacons.Add(beacon);
            }

            await foreach (var tag in api.NfcTagsOfPlaceAsync(placeName, cancellationToken))
            {
                tags.Add(tag);
            }
        }

        var catalog = new SiteCatalog(site, placeName, placeId, beacons, tags, time.GetUtcNow());
        _sites[site] = catalog;
        return catalog;
    }
}

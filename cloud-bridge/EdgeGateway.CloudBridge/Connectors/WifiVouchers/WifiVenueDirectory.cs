using System.Text.Json;

namespace EdgeGateway.CloudBridge.Connectors.WifiVouchers;

/// <summary>
/// Which venue a fleet site is: Connectors:WifiVouchers:Venues first, else the venue whose name equals the
/// site's (case-insensitive), looked up with GET /venues (all pages) and remembered.
/// </summary>
public sealed class WifiVenueDirectory(WifiVoucherClient client, WifiVouchersOptions options)
{
    private readonly Lock _gate = new();
    private Dictionary<string, long>? _byName;

    public async Task<long?> VenueOfAsync(string? site, CancellationToken cancellationToken)
    {
        if (site is null)
        {
            return null;
        }

        if (options.Venues.TryGetValue(site, out var configured))
        {
            return configured;
        }

        var byName = Snapshot() ?? await LoadAsync(cancellationToken);
        if (byName.TryGetValue(site, out var venue))
        {
            return venue;
        }

        // A venue added since the last look-up: read the list again once.
        byName = await LoadAsync(cancellationToken);
        return byName.TryGetValue(site, out venue) ? venue : null;
    }

    private Dictionary<string, long>? Snapshot()
    {
        lock (_gate)
        {
            return _byName;
        }
    }

    private async Task<Dictionary<string, long>> LoadAsync(CancellationToken cancellationToken)
    {
        var byName = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        await foreach (var venue in client.VenuesAsync(cancellationToken))
        {
            if (venue.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && venue.TryGetProperty("id", out var id) && id.TryGetInt64(out var venueId))
            {
                byName.TryAdd(name.GetString()!, venueId);
            }
        }

        lock (_gate)
        {
            _byName = byName;
        }

        return byName;
    }
}

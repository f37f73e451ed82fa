using EdgeGateway.CloudBridge.Api;
using EdgeGateway.CloudBridge.Store;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>Read-only questions connectors ask the fleet store (which site a gateway is in, a beacon's row, a site's gateways).</summary>
public sealed class FleetLookup(IFleetStore store)
{
    /// <summary>The site the gateway's latest birth named; null when unknown.</summary>
    public async Task<string?> SiteOfGatewayAsync(string gatewayId, CancellationToken cancellationToken)
    {
        var row = await FirstAsync(FleetResources.Gateways, "gateway_id", gatewayId, cancellationToken);
        return row?.GetValueOrDefault("site") as string is { Length: > 0 } site ? site : null;
    }

    /// <summary>The fleet API's record of a beacon by its identity (`ibeacon:...`, `eddystone:...`, address); null when never heard.</summary>
    public Task<IReadOnlyDictionary<string, object?>?> BeaconAsync(string beaconId, CancellationToken cancellationToken) =>
        FirstAsync(FleetResources.Beacons, "beacon_id", beaconId, cancellationToken);

    /// <summary>Every record of <paramref name="resource"/> whose <paramref name="field"/> equals <paramref name="value"/> (all pages).</summary>
    public Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> WhereAsync(
        ResourceSchema resource, string field, object value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return AllPagesAsync(resource, [new ListFilter(resource.ByName[field], FilterOperator.Exact, value)], cancellationToken);
    }

    /// <summary>Every record of <paramref name="resource"/> (all pages), oldest id first.</summary>
    public Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> AllAsync(ResourceSchema resource, CancellationToken cancellationToken) =>
        AllPagesAsync(resource, [], cancellationToken);

    private async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> AllPagesAsync(
        ResourceSchema resource, IReadOnlyList<ListFilter> filters, CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        const int pageSize = 500;
        for (var offset = 0; ; offset += pageSize)
        {
            var page = await store.ListAsync(resource, new ListQuery(filters, null, Order(resource), pageSize, offset), cancellationToken);
            rows.AddRange(page.Rows);
            if (page.Rows.Count < pageSize || offset + pageSize >= page.Count)
            {
                return rows;
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, object?>?> FirstAsync(ResourceSchema resource, string field, object value, CancellationToken cancellationToken)
    {
        var page = await store.ListAsync(
            resource, new ListQuery([new ListFilter(resource.ByName[field], FilterOperator.Exact, value)], null, Order(resource), 1, 0), cancellationToken);
        return page.Rows.Count > 0 ? page.Rows[0] : null;
    }

    private static List<ListOrder> Order(ResourceSchema resource) => [new ListOrder(resource.ByName["id"], Descending: false)];
}

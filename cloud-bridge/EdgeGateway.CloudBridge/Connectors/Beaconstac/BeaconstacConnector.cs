using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Streams;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Connectors.Beaconstac;

/// <summary>
/// Fleet → platform for the Beaconstac-style platform: battery and temperature from heartbeats (the latest
/// per beacon in a batch, at most one update per beacon per PushMinIntervalMs, and only when a value
/// changed), the configuration a gateway reports as applied (tx_power, advertising_interval), and NFC taps
/// recorded in the tag's `meta.edgegw` (last tap time, gateway, event key: idempotent on a retried batch).
/// A site maps to the Place of the same name (or Connectors:Beaconstac:Places). An answer of 4xx about one
/// item is logged and skipped; an outage (5xx, 429, timeout, open circuit) fails the batch so it is kept.
/// </summary>
internal sealed partial class BeaconstacConnector(
    BeaconstacApi api, BeaconstacCatalog catalog, BeaconstacOptions options, FleetLookup fleet,
    ConnectorStatusBoard board, TimeProvider time, ILogger<BeaconstacConnector> logger) : IConnector
{
    public const string ConnectorName = "beaconstac";

    /// <summary>Platform beacon id → (battery %, °C) last written and when.</summary>
    private readonly ConcurrentDictionary<long, (int? Battery, int? Temperature, DateTimeOffset At)> _pushed = new();

    private readonly ConcurrentDictionary<string, bool> _noPlaceLogged = new(StringComparer.Ordinal);

    public string Name => ConnectorName;

    public bool Wants(ConnectorEvent connectorEvent) =>
        connectorEvent?.Kind is ConnectorEventKind.Heartbeats or ConnectorEventKind.Taps or ConnectorEventKind.Reported;

    public async Task HandleAsync(IReadOnlyList<ConnectorEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var sites = new Dictionary<string, string?>(StringComparer.Ordinal);
        async Task<SiteCatalog?> CatalogOf(string gateway)
        {
            if (!sites.TryGetValue(gateway, out var site))
            {
                sites[gateway] = site = await fleet.SiteOfGatewayAsync(gateway, cancellationToken);
            }

            if (site is null)
            {
                return null;
            }

            var found = await catalog.GetAsync(site, cancellationToken);
            if (found.PlaceId is null)
            {
                board.RecordSkipped(Name, "no-place");
                if (_noPlaceLogged.TryAdd(site, true))
                {
                    LogNoPlace(site, found.PlaceName);
                }

                return null;
            }

            return found;
        }

        // Coalesce: only the freshest heartbeat and tap of each beacon / tag in the batch matters.
        var heartbeats = new Dictionary<string, (string Gateway, HeartbeatItem Item)>(StringComparer.Ordinal);
        var taps = new Dictionary<string, (string Gateway, TagReadItem Item, string Key)>(StringComparer.Ordinal);
        foreach (var e in batch)
        {
            for (var i = 0; i < e.Heartbeats.Count; i++)
            {
                var h = e.Heartbeats[i];
                if (!heartbeats.TryGetValue(h.BeaconId, out var seen) || seen.Item.At <= h.At)
                {
                    heartbeats[h.BeaconId] = (e.GatewayId, h);
                }
            }

            for (var i = 0; i < e.Taps.Count; i++)
            {
                var t = e.Taps[i];
                if (!taps.TryGetValue(t.Uid, out var seen) || seen.Item.At <= t.At)
                {
                    taps[t.Uid] = (e.GatewayId, t, e.ItemKey(i));
                }
            }
        }

        foreach (var (gateway, heartbeat) in heartbeats.Values)
        {
            if (await CatalogOf(gateway) is { } site)
            {
                await PushTelemetryAsync(site, heartbeat, cancellationToken);
            }
            else
            {
                board.RecordSkipped(Name, "no-site");
            }
        }

        foreach (var (gateway, tap, key) in taps.Values)
        {
            if (await CatalogOf(gateway) is { } site)
            {
                await RecordTapAsync(site, gateway, tap, key, cancellationToken);
            }
        }

        foreach (var e in batch.Where(e => e.Reported is not null))
        {
            if (await CatalogOf(e.GatewayId) is { } site)
            {
                await ReportAppliedAsync(site, e.Reported!, cancellationToken);
            }
        }
    }

    private async Task<PlatformBeacon?> FindAsync(SiteCatalog site, string beaconId, CancellationToken cancellationToken)
    {
        if (site.Beacon(beaconId) is { } known)
        {
            return known;
        }

        // A beacon heard only by its address may be registered under no Place: ask by serial number.
        if (BeaconIdentity.SerialOfAddress(beaconId) is { } serial)
        {
            await foreach (var beacon in api.BeaconsBySerialAsync(serial, cancellationToken))
            {
                if (string.Equals(beacon.SerialNumber, serial, StringComparison.OrdinalIgnoreCase))
                {
                    return beacon;
                }
            }
        }

        return null;
    }

    private async Task PushTelemetryAsync(SiteCatalog site, HeartbeatItem heartbeat, CancellationToken cancellationToken)
    {
        var battery = BeaconIdentity.BatteryPercent(heartbeat.BatteryMv);
        var temperature = BeaconIdentity.WholeDegrees(heartbeat.TemperatureC);
        if (battery is null && temperature is null)
        {
            return;
        }

        var beacon = await FindAsync(site, heartbeat.BeaconId, cancellationToken);
        if (beacon is null)
        {
            board.RecordSkipped(Name, "unknown-beacon");
            return;
        }

        var now = time.GetUtcNow();
        var last = _pushed.TryGetValue(beacon.Id, out var p) ? p : (Battery: beacon.Battery, Temperature: beacon.Temperature, At: DateTimeOffset.MinValue);
        var newBattery = battery ?? last.Battery;
        var newTemperature = temperature ?? last.Temperature;
        if (newBattery == last.Battery && newTemperature == last.Temperature)
        {
            board.RecordSkipped(Name, "unchanged");
            return;
        }

        if (now - last.At < TimeSpan.FromMilliseconds(options.PushMinIntervalMs))
        {
            board.RecordSkipped(Name, "coalesced");
            return;
        }

        var fields = new List<KeyValuePair<string, int>>();
        if (newBattery is { } b)
        {
            fields.Add(new("battery", b));
        }

        if (newTemperature is { } t)
        {
            fields.Add(new("temperature", t));
        }

        if (await UpdateAsync(beacon, fields, cancellationToken) is { } updated)
        {
            site.Replace(updated);
        }

        // A refused update is not retried for this beacon until the interval has passed either.
        _pushed[beacon.Id] = (newBattery, newTemperature, now);
    }

    private async Task<PlatformBeacon?> UpdateAsync(PlatformBeacon beacon, List<KeyValuePair<string, int>> fields, CancellationToken cancellationToken)
    {
        try
        {
            return await api.UpdateBeaconAsync(beacon, fields, cancellationToken);
        }
        catch (PlatformException ex) when (!ex.IsTransient)
        {
            board.RecordFailure(Name, ex.Message);
            board.RecordSkipped(Name, "rejected");
            LogRejected(beacon.Id, ex.Message);
            return null;
        }
    }

    private async Task RecordTapAsync(SiteCatalog site, string gateway, TagReadItem tap, string key, CancellationToken cancellationToken)
    {
        if (site.Tag(tap.Uid) is not { } tag)
        {
            board.RecordSkipped(Name, "unknown-tag");
            return;
        }

        var meta = (JsonObject)tag.Meta.DeepClone();
        if (meta["edgegw"] is JsonObject previous && previous["last_event"]?.GetValue<string>() == key)
        {
            return; // this very tap is already recorded (a batch handed over again)
        }

        meta["edgegw"] = new JsonObject
        {
            ["last_tap"] = tap.At.ToString("O", CultureInfo.InvariantCulture),
            ["gateway"] = gateway,
            ["site"] = site.Site,
            ["last_event"] = key,
        };
        try
        {
            site.Replace(await api.UpdateNfcTagAsync(tag, meta, cancellationToken));
        }
        catch (PlatformException ex) when (!ex.IsTransient)
        {
            board.RecordFailure(Name, ex.Message);
            board.RecordSkipped(Name, "rejected");
            LogRejected(tag.Id, ex.Message);
        }
    }

    private async Task ReportAppliedAsync(SiteCatalog site, ReportedConfig reported, CancellationToken cancellationToken)
    {
        foreach (var applied in reported.Beacons)
        {
            if (applied.State is not (BeaconConfigStates.Applied or BeaconConfigStates.Rounded))
            {
                if (applied.State == BeaconConfigStates.Failed)
                {
                    board.RecordSkipped(Name, "config-failed");
                }

                continue;
            }

            if (site.Beacon(applied.BeaconId) is not { } beacon)
            {
                board.RecordSkipped(Name, "unknown-beacon");
                continue;
            }

            var fields = new List<KeyValuePair<string, int>>();
            if (applied.TxPowerDbm is { } tx && tx != beacon.TxPower)
            {
                fields.Add(new("tx_power", tx));
            }

            if (applied.IntervalMs is { } ms && ms != beacon.AdvertisingInterval)
            {
                fields.Add(new("advertising_interval", ms));
            }

            if (fields.Count > 0 && await UpdateAsync(beacon, fields, cancellationToken) is { } updated)
            {
                site.Replace(updated);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Beaconstac: site {Site} has no Place named '{Place}' (set Connectors:Beaconstac:Places to map it); its items are skipped")]
    private partial void LogNoPlace(string site, string place);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Beaconstac: update of object {Id} refused, skipped: {Reason}")]
    private partial void LogRejected(long id, string reason);
}

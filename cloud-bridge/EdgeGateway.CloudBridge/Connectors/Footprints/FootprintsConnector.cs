using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.Protocol.Streams;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Connectors.Footprints;

/// <summary>
/// Fleet → Footprints: each gateway gets a tracking session (`/mobileapi/init`, one per gateway for the life of
/// the bridge process, opened again when the platform no longer knows it), and every heartbeat becomes one
/// sighting in `/mobileapi/sensors`, form-encoded as `sensors[x][field]`, at most MaxSensorsPerRequest per call.
/// The access token is checked first (GET /api/location, which also shows the site's location in the log), so
/// bad credentials surface as the connector's last error rather than as silently dropped data.
/// A chunk already accepted is not sent again when a batch is handed over again after a later failure.
/// </summary>
internal sealed partial class FootprintsConnector(
    PlatformClient client, FootprintsOptions options, ILogger<FootprintsConnector> logger) : IConnector, IDisposable
{
    public const string ConnectorName = "footprints";
    private const int RememberedChunks = 10_000;

    private readonly ConcurrentDictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _sentChunks = new(StringComparer.Ordinal);
    private bool _locationsChecked;

    public string Name => ConnectorName;

    public bool Wants(ConnectorEvent connectorEvent) => connectorEvent?.Kind == ConnectorEventKind.Heartbeats;

    public async Task HandleAsync(IReadOnlyList<ConnectorEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!_locationsChecked)
        {
            await CheckLocationsAsync(cancellationToken);
        }

        foreach (var e in batch)
        {
            for (var start = 0; start < e.Heartbeats.Count; start += options.MaxSensorsPerRequest)
            {
                var chunkKey = $"{e.Key}#{start}";
                if (_sentChunks.ContainsKey(chunkKey))
                {
                    continue;
                }

                var chunk = e.Heartbeats.Skip(start).Take(options.MaxSensorsPerRequest).ToList();
                await SendAsync(e.GatewayId, chunk, cancellationToken);
                if (_sentChunks.Count >= RememberedChunks)
                {
                    _sentChunks.Clear();
                }

                _sentChunks[chunkKey] = true;
            }
        }
    }

    private async Task CheckLocationsAsync(CancellationToken cancellationToken)
    {
        using var json = await client.SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/location"), cancellationToken);
        var names = json.RootElement.ValueKind == JsonValueKind.Array
            ? json.RootElement.EnumerateArray().Select(l => l.TryGetProperty("name", out var n) ? n.GetString() : null).OfType<string>().ToList()
            : [];
        LogLocations(names.Count, string.Join(", ", names.Take(20)));
        _locationsChecked = true;
    }

    private async Task SendAsync(string gatewayId, List<HeartbeatItem> chunk, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var mid = await SessionAsync(gatewayId, cancellationToken);
            using var response = await client.SendAsync(
                () => new HttpRequestMessage(HttpMethod.Post, "mobileapi/sensors") { Content = new FormUrlEncodedContent(SensorsForm(mid, chunk)) },
                cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (attempt == 0 && (int)response.StatusCode is 400 or 404)
            {
                // The platform no longer knows this session (expired or reset): open a new one and send again, once.
                _sessions.TryRemove(gatewayId, out _);
                continue;
            }

            await client.EnsureSuccessAsync(response, cancellationToken);
        }
    }

    private async Task<string> SessionAsync(string gatewayId, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(gatewayId, out var mid))
        {
            return mid;
        }

        using var json = await client.SendJsonAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "mobileapi/init")
            {
                Content = new FormUrlEncodedContent(
                [
                    new("appkey", options.Key!),
                    new("technicalInfo[deviceOs]", "Linux"),
                    new("technicalInfo[appId]", "edgegw-gateway"),
                    new("technicalInfo[browserUserAgent]", $"edgegw-gateway/{gatewayId}"),
                ]),
            },
            cancellationToken);
        mid = json.RootElement.TryGetProperty("mobileId", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (string.IsNullOrEmpty(mid))
        {
            throw new PlatformException($"footprints: /mobileapi/init for gateway {gatewayId} answered without a mobileId", status: null);
        }

        _sessions[gatewayId] = mid;
        LogSession(gatewayId);
        return mid;
    }

    /// <summary>The seed's layout: appkey, mid, then `sensors[x][uuid|rssi|distance|macAddress|txPower|name|major|minor]` per sighting.</summary>
    internal List<KeyValuePair<string, string>> SensorsForm(string mid, IReadOnlyList<HeartbeatItem> sightings)
    {
        var form = new List<KeyValuePair<string, string>> { new("appkey", options.Key!), new("mid", mid) };
        for (var x = 0; x < sightings.Count; x++)
        {
            var h = sightings[x];
            var (uuid, major, minor) = Identity(h.BeaconId);
            void Add(string field, string? value)
            {
                if (value is not null)
                {
                    form.Add(new($"sensors[{x.ToString(CultureInfo.InvariantCulture)}][{field}]", value));
                }
            }

            Add("uuid", uuid);
            Add("rssi", h.RssiLast.ToString(CultureInfo.InvariantCulture));
            Add("distance", h.DistanceM?.ToString("0.##", CultureInfo.InvariantCulture));
            Add("macAddress", h.Address);
            Add("txPower", h.MeasuredPower?.ToString(CultureInfo.InvariantCulture));
            Add("name", h.BeaconId);
            Add("major", major);
            Add("minor", minor);
        }

        return form;
    }

    /// <summary>iBeacon: UUID, major, minor. Eddystone: the namespace as uuid and the instance as name only. Others: the address.</summary>
    private static (string Uuid, string? Major, string? Minor) Identity(string beaconId)
    {
        var parts = beaconId.Split(':');
        return parts switch
        {
            ["ibeacon", var uuid, var major, var minor] => (uuid, major, minor),
            ["eddystone", var ns, _] => (ns, null, null),
            _ => (beaconId, null, null),
        };
    }

    public void Dispose() => client.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Footprints: token accepted; {Count} locations ({Names})")]
    private partial void LogLocations(int count, string names);

    [LoggerMessage(Level = LogLevel.Information, Message = "Footprints: tracking session opened for gateway {GatewayId}")]
    private partial void LogSession(string gatewayId);
}

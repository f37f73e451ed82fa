namespace EdgeGateway.CloudBridge.Connectors.Beaconstac;

/// <summary>What the platform holds for one site: its Place (null when there is none of that name), beacons and NFC tags.</summary>
internal sealed class SiteCatalog
{
    private readonly Dictionary<string, PlatformBeacon> _byFleetId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlatformNfcTag> _tagsByUid = new(StringComparer.Ordinal);

    public SiteCatalog(string site, string placeName, long? placeId, IEnumerable<PlatformBeacon> beacons, IEnumerable<PlatformNfcTag> tags, DateTimeOffset loadedAt)
    {
        Site = site;
        PlaceName = placeName;
        PlaceId = placeId;
        LoadedAt = loadedAt;
        Beacons = [.. beacons];
        foreach (var beacon in Beacons)
        {
            foreach (var id in BeaconIdentity.FleetIds(beacon))
            {
                _byFleetId.TryAdd(id, beacon);
            }
        }

        foreach (var tag in tags)
        {
            _tagsByUid.TryAdd(NormalUid(tag.Uid), tag);
        }
    }

    public string Site { get; }

    public string PlaceName { get; }

    public long? PlaceId { get; }

    public DateTimeOffset LoadedAt { get; }

    public IReadOnlyList<PlatformBeacon> Beacons { get; private set; }

    public PlatformBeacon? Beacon(string fleetId) => _byFleetId.GetValueOrDefault(fleetId.ToLowerInvariant());

    public PlatformNfcTag? Tag(string uid) => _tagsByUid.GetValueOrDefault(NormalUid(uid));

    /// <summary>Keeps the catalog in step with an update the connector made (so the next poll does not see it as a change).</summary>
    public void Replace(PlatformBeacon beacon)
    {
        Beacons = [.. Beacons.Select(b => b.Id == beacon.Id ? beacon : b)];
        foreach (var id in BeaconIdentity.FleetIds(beacon))
        {
            _byFleetId[id] = beacon;
        }
    }

    public void Replace(PlatformNfcTag tag) => _tagsByUid[NormalUid(tag.Uid)] = tag;

    /// <summary>Tag UIDs compare as hex digits only: `04:A2:2B:...`, `04a22b...` and `04-A2-2B-...` are one tag.</summary>
    public static string NormalUid(string uid) =>
        new([.. (uid ?? string.Empty).Where(Uri.IsHexDigit).Select(char.ToUpperInvariant)]);
}

using EdgeGateway.CloudBridge.Ingest;

namespace EdgeGateway.CloudBridge.Store;

/// <summary>The items of a batch's accepted (non-duplicate) envelopes, folded per beacon and per tag, sorted by key so concurrent writers lock rows in one order.</summary>
public sealed class BatchItems
{
    private BatchItems(IReadOnlyList<BeaconAggregate> beacons, IReadOnlyList<TagAggregate> tags, IReadOnlyDictionary<string, DateTimeOffset> gatewaysSeen)
    {
        Beacons = beacons;
        Tags = tags;
        GatewaysSeen = gatewaysSeen;
    }

    public IReadOnlyList<BeaconAggregate> Beacons { get; }

    public IReadOnlyList<TagAggregate> Tags { get; }

    /// <summary>Latest envelope sentAt per gateway in the batch.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> GatewaysSeen { get; }

    public static BatchItems From(IEnumerable<IngestMessage> acceptedEnvelopes)
    {
        var beacons = new Dictionary<string, BeaconAggregate>(StringComparer.Ordinal);
        var tags = new Dictionary<string, TagAggregate>(StringComparer.Ordinal);
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var envelope in acceptedEnvelopes)
        {
            seen[envelope.GatewayId] = seen.TryGetValue(envelope.GatewayId, out var t) && t > envelope.SentAt ? t : envelope.SentAt;
            foreach (var heartbeat in envelope.Heartbeats)
            {
                if (!beacons.TryGetValue(heartbeat.BeaconId, out var beacon))
                {
                    beacons.Add(heartbeat.BeaconId, beacon = new BeaconAggregate(heartbeat.BeaconId));
                }

                beacon.Add(envelope.GatewayId, heartbeat);
            }

            foreach (var tap in envelope.Taps)
            {
                if (!tags.TryGetValue(tap.Uid, out var tag))
                {
                    tags.Add(tap.Uid, tag = new TagAggregate(tap.Uid));
                }

                tag.Add(envelope.GatewayId, tap);
            }
        }

        return new BatchItems(
            [.. beacons.Values.OrderBy(b => b.BeaconId, StringComparer.Ordinal)],
            [.. tags.Values.OrderBy(t => t.Uid, StringComparer.Ordinal)],
            seen);
    }
}

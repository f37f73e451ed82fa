using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.CloudBridge.Store;

/// <summary>All heartbeats of one beacon in a committed batch folded into one row update.</summary>
public sealed class BeaconAggregate(string beaconId)
{
    public string BeaconId { get; } = beaconId;

    /// <summary>The freshest heartbeat in the batch and the gateway that sent it.</summary>
    public HeartbeatItem? Latest { get; private set; }

    public string Gateway { get; private set; } = string.Empty;

    public long Count { get; private set; }

    public void Add(string gateway, HeartbeatItem item)
    {
        Count++;
        if (Latest is null || BeaconMerge.Prefer(Gateway, Latest.RssiLast, Latest.LastSeen, gateway, item.RssiLast, item.LastSeen))
        {
            Latest = item;
            Gateway = gateway;
        }
    }
}

namespace EdgeGateway.Protocol.Streams;

/// <summary>The up streams of the contract: the last level of `gw/v1/{gatewayId}/up/{stream}`.</summary>
public static class StreamNames
{
    /// <summary>Per-beacon heartbeats (<see cref="HeartbeatItem"/>): bulk, the first to be shed when full.</summary>
    public const string Heartbeats = "heartbeats";

    /// <summary>NFC taps (<see cref="TagReadItem"/>).</summary>
    public const string Nfc = "nfc";

    /// <summary>Gateway events: self-test results, alarms, beacon-config outcomes, items shed.</summary>
    public const string Events = "events";
}

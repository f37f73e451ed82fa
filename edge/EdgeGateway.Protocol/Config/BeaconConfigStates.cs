namespace EdgeGateway.Protocol.Config;

/// <summary>Values of <see cref="BeaconReported.State"/>.</summary>
public static class BeaconConfigStates
{
    public const string Pending = "pending";
    public const string Applied = "applied";
    public const string Rounded = "rounded";
    public const string Failed = "failed";
}

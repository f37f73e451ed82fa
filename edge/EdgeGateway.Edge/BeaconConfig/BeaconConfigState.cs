using EdgeGateway.Protocol.Config;

namespace EdgeGateway.Edge.BeaconConfig;

/// <summary>What survives a restart: the last desired config applied (its version gates stale ones) and the report it produced.</summary>
public sealed record BeaconConfigState
{
    public DesiredConfig? Desired { get; init; }

    public ReportedConfig? Reported { get; init; }
}

using EdgeGateway.Protocol.Config;

namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>A beacon read or change that failed: the message for the page and the beacon's full report.</summary>
public sealed record BeaconConfigFailure(string Error, BeaconReported Report);

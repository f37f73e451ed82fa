using EdgeGateway.Protocol.Config;

namespace EdgeGateway.CloudBridge.Store;

/// <summary>
/// The retained `config/desired` to publish after a change: the same document (every beacon of the site
/// with a desired value, at the site's new version) for each gateway of the site. An empty
/// <see cref="Site"/> means the beacon has not been heard by a gateway with a site yet.
/// </summary>
public sealed record DesiredPlan(string Site, long Version, IReadOnlyList<string> Gateways, IReadOnlyList<BeaconDesired> Beacons);

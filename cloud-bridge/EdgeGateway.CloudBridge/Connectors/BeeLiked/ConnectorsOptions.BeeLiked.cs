using EdgeGateway.CloudBridge.Connectors.BeeLiked;

namespace EdgeGateway.CloudBridge.Connectors.Common;

public sealed partial class ConnectorsOptions
{
    /// <summary>BeeLiked (shared/seeds/004): the `promotion-entry` NFC action (single-use entry links written to tags).</summary>
    public BeeLikedOptions BeeLiked { get; } = new();
}

using EdgeGateway.CloudBridge.Connectors.Xerts;

namespace EdgeGateway.CloudBridge.Connectors.Common;

public sealed partial class ConnectorsOptions
{
    /// <summary>Xerts coupons (shared/seeds/003): the `coupon` NFC action.</summary>
    public XertsOptions Xerts { get; } = new();
}

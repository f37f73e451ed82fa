using EdgeGateway.CloudBridge.Connectors.WifiVouchers;

namespace EdgeGateway.CloudBridge.Connectors.Common;

public sealed partial class ConnectorsOptions
{
    /// <summary>The venue/voucher Wi-Fi platform (shared/seeds/002): the `wifi-voucher` NFC action, voucher clean-up, footfall.</summary>
    public WifiVouchersOptions WifiVouchers { get; } = new();
}

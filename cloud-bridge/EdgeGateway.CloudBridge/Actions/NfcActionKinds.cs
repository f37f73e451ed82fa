namespace EdgeGateway.CloudBridge.Actions;

/// <summary>The actions a rule can name (`NfcActions:Rules:n:Action`), one per platform connector.</summary>
public static class NfcActionKinds
{
    /// <summary>Wi-Fi platform: create a voucher at the site's venue and show its code.</summary>
    public const string WifiVoucher = "wifi-voucher";

    /// <summary>Xerts: issue the site's coupons to the tapping device and show the redeem code.</summary>
    public const string Coupon = "coupon";

    /// <summary>BeeLiked: request a single-use entry link and write it to the tag.</summary>
    public const string PromotionEntry = "promotion-entry";

    public static IReadOnlyList<string> All { get; } = [WifiVoucher, Coupon, PromotionEntry];
}

namespace EdgeGateway.CloudBridge.Actions;

/// <summary>
/// One row of the NFC rule table (`NfcActions:Rules:n`): which taps it matches (site, tag uid or tag URL
/// prefix) and which connector action it runs with which parameters. Only the parameters of its
/// <see cref="Action"/> apply; the others must stay unset.
/// </summary>
public sealed class NfcActionRule
{
    /// <summary>Names the rule in the ledger, logs and the fleet API (unique).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The site (gateway birth `site`) the rule applies to; unset = every site.</summary>
    public string? Site { get; set; }

    /// <summary>The tag's UID in hex (separators `:` `-` and case ignored); exactly one of this and <see cref="TagUrlPrefix"/>.</summary>
    public string? TagUid { get; set; }

    /// <summary>The start of the URL the tag carries (its first URI record), e.g. `https://shop.example/t/wifi`.</summary>
    public string? TagUrlPrefix { get; set; }

    /// <summary>wifi-voucher, coupon or promotion-entry (<see cref="NfcActionKinds"/>).</summary>
    public string Action { get; set; } = string.Empty;

    // wifi-voucher

    /// <summary>Voucher validity in days (POST /vouchers number_of_days).</summary>
    public int? Days { get; set; }

    /// <summary>Upload limit in Mbps, 0 = unlimited (upspeed).</summary>
    public int? UpSpeedMbps { get; set; }

    /// <summary>Download limit in Mbps, 0 = unlimited (downspeed).</summary>
    public int? DownSpeedMbps { get; set; }

    /// <summary>Volume limit in GB, 0 = unlimited (volumecap).</summary>
    public int? VolumeCapGb { get; set; }

    /// <summary>Devices per voucher, 0 = unlimited (max_devices).</summary>
    public int? MaxDevices { get; set; }

    // coupon

    /// <summary>Xerts site id; unset = the connector's site mapping for the tap's site.</summary>
    public string? XertsSiteId { get; set; }

    /// <summary>Xerts device id template; default `{uid}` (the tapped tag stands for the shopper's device).</summary>
    public string? DeviceId { get; set; }

    /// <summary>Activate the coupon for redemption right away (PUT coupons/sites/:siteId/activate/:code).</summary>
    public bool Activate { get; set; }

    // promotion-entry

    /// <summary>BeeLiked promotion id (entry link promotion_id).</summary>
    public long? PromotionId { get; set; }

    /// <summary>Audience member uid template (entry link uid), e.g. `tag-{uid}`; unset = none.</summary>
    public string? EntryUid { get; set; }

    /// <summary>Form field slug → value template (entry link field_values), e.g. `store` = `{site}`.</summary>
    public Dictionary<string, string> FieldValues { get; } = new(StringComparer.Ordinal);
}

using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Connectors.Xerts;

/// <summary>
/// The `coupon` NFC action: issue the site's coupons to the tapping device (the tag stands for the shopper's
/// device: deviceId defaults to its UID), optionally activate the first for redemption, and show its redeem
/// code on the gateway. A retried tap never issues twice: the ledger holds the code, and a tap whose
/// earlier attempt was cut off first looks for an unredeemed coupon the device already has at the site.
/// </summary>
public sealed class XertsCouponAction(XertsClient xerts, XertsOptions options) : INfcActionPlatform
{
    public const string ConnectorName = "xerts";


    public string Action => NfcActionKinds.Coupon;

    public async Task<NfcActionOutcome> RunAsync(NfcActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var siteId = request.Rule.XertsSiteId ?? (request.Site is not null && options.Sites.TryGetValue(request.Site, out var mapped) ? mapped : null);
        if (siteId is null)
        {
            return NfcActionOutcome.Refused($"no Xerts site for site '{request.Site}' (set Connectors:Xerts:Sites:{request.Site} or the rule's XertsSiteId)");
        }

        var deviceId = NfcActionRules.Fill(request.Rule.DeviceId ?? "{uid}", request.Uid, request.Site, request.GatewayId);
        XertsCoupon? coupon = null;
        if (request.Resumed)
        {
            var (existing, _) = await xerts.CouponsAsync(siteId, deviceId, cancellationToken);
            coupon = existing.Where(c => !c.Redeemed).OrderByDescending(c => c.CreatedOn).FirstOrDefault();
        }

        if (coupon is null)
        {
            var (issued, refusal) = await xerts.IssueAsync(siteId, deviceId, cancellationToken);
            if (refusal is not null)
            {
                return NfcActionOutcome.Refused($"Xerts {refusal.Status}: {refusal.Message}");
            }

            coupon = issued.Count > 0 ? issued[0] : null;
            if (coupon is null)
            {
                return NfcActionOutcome.Refused($"Xerts issued no coupon: no live offer at site {siteId}");
            }
        }

        var label = coupon.OfferTitle;
        if (request.Rule.Activate && await xerts.ActivateAsync(siteId, coupon.RedeemCode, cancellationToken) is { } notActivated)
        {
            // The coupon exists and can still be redeemed by code at the till; the shopper gets it either way.
            label = $"{label} (not activated: {notActivated.Message})";
        }

        return NfcActionOutcome.Issued(coupon.RedeemCode, label, coupon.ExpiresOn);
    }
}

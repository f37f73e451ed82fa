namespace EdgeGateway.CloudBridge.Connectors.Xerts;

/// <summary>The parts of an Xerts coupon the bridge uses (redeemedOn is absent until redeemed).</summary>
public sealed record XertsCoupon(string Id, string RedeemCode, string? OfferTitle, DateTimeOffset? ExpiresOn, DateTimeOffset? CreatedOn, bool Redeemed);

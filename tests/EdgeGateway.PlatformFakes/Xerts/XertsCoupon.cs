namespace EdgeGateway.PlatformFakes.Xerts;

/// <summary>A coupon the fake Xerts issued (an instance of a site offer for one device).</summary>
public sealed record XertsCoupon(string Id, string RedeemCode, string DeviceId, string SiteOfferId, DateTimeOffset CreatedOn, DateTimeOffset ExpiresOn)
{
    public DateTimeOffset? RedeemedOn { get; set; }

    public DateTimeOffset UpdatedOn { get; set; } = CreatedOn;
}

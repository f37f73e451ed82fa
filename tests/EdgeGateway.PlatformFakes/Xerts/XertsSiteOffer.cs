namespace EdgeGateway.PlatformFakes.Xerts;

/// <summary>An offer assigned to a site (PUT /offers/:id/sites/rel/:siteId), with the offer's display fields folded in.</summary>
public sealed record XertsSiteOffer(
    string Id, string OfferId, string SiteId, string Title, string Description, string VendorId,
    int InstanceLimit, int CouponExpiresAfterDays, DateTimeOffset? InstanceExpiresOn)
{
    public int InstanceIssues { get; set; }
}

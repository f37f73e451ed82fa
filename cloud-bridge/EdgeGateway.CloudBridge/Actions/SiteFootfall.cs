namespace EdgeGateway.CloudBridge.Actions;

/// <summary>A platform's visitor count for one site over a window (the fleet API's `footfall` resource).</summary>
public sealed record SiteFootfall(string Site, string Platform, string Venue, long Visits, DateOnly From, DateOnly To);

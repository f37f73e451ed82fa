namespace EdgeGateway.PlatformFakes.WifiVouchers;

/// <summary>One visit of a Wi-Fi customer to a venue.</summary>
public sealed record WifiCustomerVisit(long Id, string Team, long CustomerId, long VenueId, DateTimeOffset VisitedAt);

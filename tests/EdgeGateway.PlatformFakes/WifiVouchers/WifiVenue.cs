namespace EdgeGateway.PlatformFakes.WifiVouchers;

/// <summary>A venue (a shop with the platform's Wi-Fi) of one team.</summary>
public sealed record WifiVenue(long Id, string Team, string Name, string Address);

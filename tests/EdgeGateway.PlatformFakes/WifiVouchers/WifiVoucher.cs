namespace EdgeGateway.PlatformFakes.WifiVouchers;

/// <summary>A voucher as the fake Wi-Fi platform stores it (POST /vouchers body plus what the server adds).</summary>
public sealed record WifiVoucher(
    long Id, string Team, string Code, long VenueId, int NumberOfDays, int Upspeed, int Downspeed, int Volumecap, int MaxDevices,
    DateTimeOffset CreatedAt)
{
    public DateTimeOffset ExpiresAt => CreatedAt.AddDays(NumberOfDays);
}

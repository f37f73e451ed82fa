namespace EdgeGateway.CloudBridge.Connectors.WifiVouchers;

/// <summary>A voucher as GET /vouchers lists it (the parts the clean-up needs).</summary>
public sealed record WifiVoucher(long Id, string Code, DateTimeOffset? ExpiresAt);

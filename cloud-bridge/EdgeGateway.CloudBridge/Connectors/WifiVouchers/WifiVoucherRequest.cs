namespace EdgeGateway.CloudBridge.Connectors.WifiVouchers;

/// <summary>POST /vouchers body: code, venue_id, number_of_days and the optional limits (0 = unlimited).</summary>
public sealed record WifiVoucherRequest(string Code, long VenueId, int NumberOfDays, int? UpSpeedMbps, int? DownSpeedMbps, int? VolumeCapGb, int? MaxDevices);

namespace EdgeGateway.PlatformFakes.Xerts;

/// <summary>A physical location with an Xerts POS.</summary>
public sealed record XertsSite(string Id, string Title, string Address, double Lat, double Lng, string AdminId);

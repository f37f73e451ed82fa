namespace EdgeGateway.PlatformFakes.Footprints;

/// <summary>A tracking session opened by `/mobileapi/init`: its mobileId and the form fields it was opened with.</summary>
public sealed record FootprintsSession(string MobileId, IReadOnlyDictionary<string, string> Fields);

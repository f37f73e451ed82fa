namespace EdgeGateway.PlatformFakes.Footprints;

/// <summary>One `sensors[x]` entry the fake received, with the tracking session (mid) it was sent under.</summary>
public sealed record FootprintsSighting(string MobileId, int Index, IReadOnlyDictionary<string, string> Fields);

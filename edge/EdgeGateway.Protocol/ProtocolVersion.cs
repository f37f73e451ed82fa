namespace EdgeGateway.Protocol;

/// <summary>The contract version carried as `v` in every payload and as `v1` in every topic.</summary>
public static class ProtocolVersion
{
    public const int Current = 1;

    /// <summary>
    /// Within one major version fields are only added, so any payload of the current version is
    /// readable; a higher `v` means a breaking change this build cannot interpret, a missing or lower
    /// one is a malformed message.
    /// </summary>
    public static bool IsSupported(int version) => version == Current;
}

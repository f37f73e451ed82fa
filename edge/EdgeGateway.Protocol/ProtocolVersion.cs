namespace EdgeGateway.Protocol;

/// <summary>The contract version carried as `v` in every payload and as `v1` in every topic.</summary>
public static class ProtocolVersion
{
    public const int Current = 1;
}

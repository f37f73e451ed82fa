namespace EdgeGateway.Fuzzing.Targets;

internal static class Hex
{
    public static byte[][] All(params string[] hex) => [.. hex.Select(h => Convert.FromHexString(h.Replace(" ", "", StringComparison.Ordinal)))];
}

namespace EdgeGateway.Hardware.Ble.Decoders;

/// <summary>The Eddystone-URL scheme prefixes (codes 0x00-0x03) and text expansions (codes 0x00-0x0D), shared by decoder and encoder.</summary>
internal static class EddystoneUrlCodes
{
    public static readonly string[] Schemes = ["http://www.", "https://www.", "http://", "https://"];

    public static readonly string[] Expansions =
        [".com/", ".org/", ".edu/", ".net/", ".info/", ".biz/", ".gov/", ".com", ".org", ".edu", ".net", ".info", ".biz", ".gov"];

    /// <summary>Encoded URL bytes after the scheme.</summary>
    public const int MaxEncodedLength = 17;
}

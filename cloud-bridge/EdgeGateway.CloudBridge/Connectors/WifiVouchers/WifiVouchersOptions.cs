namespace EdgeGateway.CloudBridge.Connectors.WifiVouchers;

/// <summary>Section `Connectors:WifiVouchers`: the venue/voucher Wi-Fi platform (shared/seeds/002), `https://host/api/`.</summary>
public sealed class WifiVouchersOptions : Common.PlatformHttpOptions
{
    /// <summary>Sent as X-API-Key. Secret: prefer EDGEGW_BRIDGE_Connectors__WifiVouchers__ApiKey.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The team identifier every call passes as `slug` ("default" without multi-tenancy).</summary>
    public string Team { get; set; } = "default";

    /// <summary>Fleet site → venue id. A site not listed is matched to the venue of the same name (GET /venues).</summary>
    public Dictionary<string, long> Venues { get; } = new(StringComparer.Ordinal);

    /// <summary>Start of every voucher code the bridge creates; only such vouchers are deleted when expired.</summary>
    public string CodePrefix { get; set; } = "EGW";

    /// <summary>How often expired bridge vouchers are deleted.</summary>
    public int CleanupIntervalSeconds { get; set; } = 3600;

    /// <summary>How often today's customer visits are pulled per site (the fleet API's footfall).</summary>
    public int FootfallIntervalSeconds { get; set; } = 900;

    /// <summary>per_page of list calls.</summary>
    public int PageSize { get; set; } = 100;

    public override string? Validate(string section)
    {
        if ((base.Validate(section) ?? Required(section, nameof(ApiKey), ApiKey)) is { } error)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(Team))
        {
            return $"{section}:Team: must not be empty (the platform's team slug, 'default' without multi-tenancy)";
        }

        if (CodePrefix.Length is < 2 or > 8 || !CodePrefix.All(char.IsAsciiLetterOrDigit))
        {
            return $"{section}:CodePrefix: must be 2-8 letters or digits (got '{CodePrefix}')";
        }

        return Range(section, nameof(CleanupIntervalSeconds), CleanupIntervalSeconds, 10, 86_400)
            ?? Range(section, nameof(FootfallIntervalSeconds), FootfallIntervalSeconds, 10, 86_400)
            ?? Range(section, nameof(PageSize), PageSize, 1, 1000)
            ?? Venues.Where(v => v.Value <= 0).Select(v => $"{section}:Venues:{v.Key}: must be a positive venue id").FirstOrDefault();
    }
}

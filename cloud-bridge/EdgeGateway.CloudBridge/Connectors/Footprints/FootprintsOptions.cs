using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Connectors.Footprints;

/// <summary>
/// Section `Connectors:Footprints`. Key and Secret are the data source's App Key and App Secret; give them through
/// EDGEGW_BRIDGE_Connectors__Footprints__Key / __Secret rather than the config file. The key is also the
/// `appkey` of the mobile tracking API.
/// </summary>
public sealed class FootprintsOptions : PlatformHttpOptions
{
    public string? Key { get; set; }

    public string? Secret { get; set; }

    /// <summary>A token is renewed this long before its expires_in runs out.</summary>
    public int TokenRefreshMarginMs { get; set; } = 60_000;

    /// <summary>Sightings per `/mobileapi/sensors` request at most.</summary>
    public int MaxSensorsPerRequest { get; set; } = 50;

    public override string? Validate(string section) =>
        base.Validate(section)
        ?? Required(section, nameof(Key), Key)
        ?? Required(section, nameof(Secret), Secret)
        ?? (Secret!.Length < 8 ? $"{section}:Secret: too short to be an App Secret" : null)
        ?? Range(section, nameof(TokenRefreshMarginMs), TokenRefreshMarginMs, 0, 86_400_000)
        ?? Range(section, nameof(MaxSensorsPerRequest), MaxSensorsPerRequest, 1, 1000);
}

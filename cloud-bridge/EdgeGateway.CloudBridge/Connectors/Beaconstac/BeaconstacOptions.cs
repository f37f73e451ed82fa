using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Connectors.Beaconstac;

/// <summary>
/// Section `Connectors:Beaconstac`. The token is the account's developer token (sent as
/// `Authorization: Token &lt;token&gt;`); give it through EDGEGW_BRIDGE_Connectors__Beaconstac__Token rather
/// than the config file.
/// </summary>
public sealed class BeaconstacOptions : PlatformHttpOptions
{
    public string? Token { get; set; }

    /// <summary>How often writable beacon settings (tx_power, advertising_interval) are read back from the platform.</summary>
    public int PollIntervalMs { get; set; } = 60_000;

    /// <summary>At most one battery/temperature update per beacon in this period; changes in between are coalesced.</summary>
    public int PushMinIntervalMs { get; set; } = 300_000;

    /// <summary>`limit` asked for on list calls (the platform may cap it).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Site name → Place name where they differ; a site not listed maps to the Place of the same name.</summary>
    public IDictionary<string, string> Places { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public override string? Validate(string section) =>
        base.Validate(section)
        ?? Required(section, nameof(Token), Token)
        ?? (Token!.Length < 8 ? $"{section}:Token: too short to be a developer token" : null)
        ?? Range(section, nameof(PollIntervalMs), PollIntervalMs, 100, 86_400_000)
        ?? Range(section, nameof(PushMinIntervalMs), PushMinIntervalMs, 0, 86_400_000)
        ?? Range(section, nameof(PageSize), PageSize, 1, 1000);

    /// <summary>The Place a site maps to.</summary>
    public string PlaceOf(string site) => Places.TryGetValue(site, out var place) ? place : site;
}

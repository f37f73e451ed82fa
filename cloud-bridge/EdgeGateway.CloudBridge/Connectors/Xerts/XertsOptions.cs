namespace EdgeGateway.CloudBridge.Connectors.Xerts;

/// <summary>Section `Connectors:Xerts`: the API root (`https://api.xerts.io/api/`), the API-Key, and which Xerts site each fleet site is.</summary>
public sealed class XertsOptions : Common.PlatformHttpOptions
{
    /// <summary>Sent as the API-Key header. Secret: prefer EDGEGW_BRIDGE_Connectors__Xerts__ApiKey.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Fleet site name → Xerts site id (a rule's XertsSiteId wins).</summary>
    public Dictionary<string, string> Sites { get; } = new(StringComparer.Ordinal);

    public override string? Validate(string section) =>
        base.Validate(section) ?? Required(section, nameof(ApiKey), ApiKey)
        ?? Sites.Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => $"{section}:Sites:{s.Key}: must be an Xerts site id").FirstOrDefault();
}

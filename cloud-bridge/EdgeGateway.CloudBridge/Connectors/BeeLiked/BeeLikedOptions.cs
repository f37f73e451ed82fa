namespace EdgeGateway.CloudBridge.Connectors.BeeLiked;

/// <summary>Section `Connectors:BeeLiked`: `https://api.beeliked.com/v1/` and the API client key/secret for /authorize.</summary>
public sealed class BeeLikedOptions : Common.PlatformHttpOptions
{
    /// <summary>client_id of POST /authorize.</summary>
    public string? ClientId { get; set; }

    /// <summary>client_secret of POST /authorize. Secret: prefer EDGEGW_BRIDGE_Connectors__BeeLiked__ClientSecret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Optional secret_key for entry links (personalised links are encrypted with it).</summary>
    public string? EntryLinkSecretKey { get; set; }

    /// <summary>A token is renewed this long before its expires_in runs out, so a call never leaves with a dying token.</summary>
    public int TokenRenewBeforeSeconds { get; set; } = 30;

    public override string? Validate(string section) =>
        base.Validate(section) ?? Required(section, nameof(ClientId), ClientId) ?? Required(section, nameof(ClientSecret), ClientSecret)
        ?? Range(section, nameof(TokenRenewBeforeSeconds), TokenRenewBeforeSeconds, 0, 240);
}

namespace EdgeGateway.Edge.Hosting;

/// <summary>Who this gateway is and where it keeps its state (section "Gateway").</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>MQTT client id and topic level: 1-64 of A-Z a-z 0-9 - _ .</summary>
    public string GatewayId { get; set; } = string.Empty;

    /// <summary>The site (shop) this gateway is provisioned to.</summary>
    public string Site { get; set; } = string.Empty;

    /// <summary>Outbox database, session counter, beacon lock keys. Must be writable.</summary>
    public string DataDirectory { get; set; } = "/var/lib/edgegw";
}

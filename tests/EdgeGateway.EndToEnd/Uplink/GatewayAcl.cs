namespace EdgeGateway.EndToEnd.Uplink;

/// <summary>
/// Mosquitto ACL files for the tests. <see cref="Fleet"/> is the production rule: a gateway writes only
/// under its own client id; anonymous test clients (the collector) may read everything.
/// </summary>
public static class GatewayAcl
{
    public const string FileName = "acl";

    public const string Fleet = """
        topic read gw/v1/#
        pattern readwrite gw/v1/%c/#
        """;

    /// <summary>Nobody may write: keeps a gateway out (its publishes are refused) while the collector reconnects.</summary>
    public const string ReadOnly = """
        topic read gw/v1/#
        """;

    public static string Configuration => $"acl_file {{dir}}/{FileName}";
}

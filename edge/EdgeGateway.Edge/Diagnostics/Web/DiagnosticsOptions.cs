namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>The technicians' web page (section "Diagnostics").</summary>
public sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    public bool Enabled { get; set; } = true;

    /// <summary>Listen address; the page is for the shop's LAN, so all interfaces by default.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    public int Port { get; set; } = 8080;

    /// <summary>File holding the technician password hash written at provisioning (pbkdf2-sha256$…).</summary>
    public string PasswordHashFile { get; set; } = "/etc/edgegw/technician.hash";

    /// <summary>Optional read-only bearer token for /metrics, so Prometheus need not log in.</summary>
    public string? MetricsToken { get; set; }

    public int SessionMinutes { get; set; } = 30;
}

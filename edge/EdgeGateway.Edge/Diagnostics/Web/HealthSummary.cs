namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>The anonymous /health answer: "ok" or "unhealthy" and each part's verdict, nothing more (anyone on the LAN can read it).</summary>
public sealed record HealthSummary(string Status, IReadOnlyDictionary<string, bool> Parts);

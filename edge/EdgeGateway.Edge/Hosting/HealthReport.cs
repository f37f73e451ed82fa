namespace EdgeGateway.Edge.Hosting;

/// <summary>One part's verdict for the watchdog and the diagnostics page.</summary>
/// <param name="Part">radio, nfc, outbox, uplink, web, ...</param>
/// <param name="Healthy">False when the part is broken in a way a restart could fix.</param>
/// <param name="Detail">Plain-language state, shown to technicians.</param>
public sealed record HealthReport(string Part, bool Healthy, string Detail);

using System.Text;
using System.Text.Json;
using EdgeGateway.Edge.Diagnostics;
using EdgeGateway.Edge.Diagnostics.Web;
using EdgeGateway.Edge.Hosting;
using EdgeGateway.Edge.SelfTest;
using EdgeGateway.Protocol.Config;

namespace EdgeGateway.Edge.BeaconConfig;

/// <summary>
/// Beacon configuration as the page, Prometheus and the self-test see it: desired against reported per beacon, whether a
/// lock key is held (never the key), the counters, and whether the lock key file is usable (mode 0600, valid entries).
/// </summary>
public sealed class BeaconConfigDiagnostics(BeaconConfigService service) : IStatusContributor, IHealthSource, IMetricsContributor, ISelfTestCheck
{
    string IStatusContributor.Name => "beaconConfig";

    string ISelfTestCheck.Name => "beacon-keys";

    public BeaconConfigStatus Snapshot()
    {
        var (state, applying) = service.Current;
        var keys = service.Configurator.Keys;
        var desired = (applying ?? state.Desired)?.Beacons ?? [];
        var reported = state.Reported?.Beacons ?? [];
        var ids = desired.Select(d => d.BeaconId).Concat(reported.Select(r => r.BeaconId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new BeaconConfigStatus(
            state.Desired?.Version,
            state.Reported?.Version,
            applying?.Version,
            state.Reported?.At,
            service.StaleIgnored,
            keys.Problem() ?? "ok",
            [.. ids.Select(id => Row(id, desired.FirstOrDefault(d => d.BeaconId == id), reported.FirstOrDefault(r => r.BeaconId == id), applying, keys))]);
    }

    public void WriteSnapshot(Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, Snapshot(), DiagnosticsJsonContext.Default.BeaconConfigStatus);

    public HealthReport Check()
    {
        // A beacon that cannot be configured is reported to the cloud; it is no reason to restart the daemon.
        return service.ExecuteTask is { IsFaulted: true }
            ? new HealthReport("beaconConfig", false, "the beacon configuration loop crashed")
            : new HealthReport("beaconConfig", true, service.Current.Applying is { } a ? $"applying version {a.Version}" : "idle");
    }

    public void WriteMetrics(StringBuilder output)
    {
        PrometheusText.Metric(output, "edgegw_beacon_config_sessions_total", "counter", "GATT configuration sessions started.", service.Configurator.Sessions);
        PrometheusText.Metric(output, "edgegw_beacon_config_failures_total", "counter", "Beacons reported failed.", service.Configurator.Failures);
        PrometheusText.Metric(output, "edgegw_beacon_config_applied_total", "counter", "Desired configs applied and reported.", service.Applied);
        PrometheusText.Metric(output, "edgegw_beacon_config_stale_ignored_total", "counter", "Desired configs ignored as not newer than the applied one.", service.StaleIgnored);
    }

    public Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        var keys = service.Configurator.Keys;
        var result = keys.Problem() is { } problem
            ? new SelfTestResult("beacon-keys", SelfTestVerdict.Fail, problem, $"fix {keys.Path} (chmod 600, 32 hex digits per key); hardware/README.md, Remote beacon configuration")
            : File.Exists(keys.Path)
                ? new SelfTestResult("beacon-keys", SelfTestVerdict.Pass, $"{keys.Path} is private to its owner")
                : new SelfTestResult("beacon-keys", SelfTestVerdict.Pass, "no lock key file: only unlocked beacons can be configured");
        return Task.FromResult(result);
    }

    private static BeaconConfigRow Row(string id, BeaconDesired? desired, BeaconReported? reported, DesiredConfig? applying, BeaconLockKeys keys) => new(
        id,
        desired is null ? null : new BeaconConfigDesiredCell(desired.TxPowerDbm, desired.IntervalMs),
        reported is null ? null : new BeaconConfigReportedCell(
            applying?.Beacons.Any(b => b.BeaconId == id) == true ? BeaconConfigStates.Pending : reported.State,
            reported.TxPowerDbm,
            reported.IntervalMs,
            reported.Reason,
            reported.Detail,
            reported.Verified,
            reported.At),
        keys.Has(id) ? "held" : "none");
}

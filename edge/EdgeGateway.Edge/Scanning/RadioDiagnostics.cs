using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeGateway.Edge.Diagnostics;
using EdgeGateway.Edge.Diagnostics.Web;
using EdgeGateway.Edge.Hosting;
using EdgeGateway.Edge.SelfTest;
using EdgeGateway.Edge.Tracking;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Scanning;

/// <summary>
/// The radio as technicians, the watchdog and Prometheus see it: controller, scan mode, reports/s and the
/// live beacon table; a missing radio is degraded (restarting would not bring it back), a crashed
/// scanning loop is unhealthy.
/// </summary>
public sealed class RadioDiagnostics(
    ScanningService scanning,
    ReportPipeline pipeline,
    TrackingService tracking,
    IOptions<ScanningOptions> options,
    TimeProvider time) : IStatusContributor, IHealthSource, IMetricsContributor, ISelfTestCheck
{
    /// <summary>The page gets the most recently seen beacons only: a shop with thousands would otherwise send megabytes a second.</summary>
    public const int MaxBeaconsOnPage = 300;

    private readonly Lock _rateLock = new();
    private long _rateReports;
    private long _rateAt;
    private double _reportsPerSecond;

    string IStatusContributor.Name => "radio";

    string ISelfTestCheck.Name => "radio";

    public double ReportsPerSecond()
    {
        var reports = pipeline.Tracker.Counters.Reports;
        var now = time.GetTimestamp();
        lock (_rateLock)
        {
            var elapsed = time.GetElapsedTime(_rateAt, now);
            // Half a second, not one: callers sample about once a second and must not always land just short of it.
            if (_rateAt == 0 || elapsed >= TimeSpan.FromMilliseconds(500))
            {
                if (_rateAt != 0)
                {
                    _reportsPerSecond = (reports - _rateReports) / elapsed.TotalSeconds;
                }

                _rateReports = reports;
                _rateAt = now;
            }

            return _reportsPerSecond;
        }
    }

    public RadioStatus Snapshot()
    {
        var settings = options.Value;
        var controller = scanning.Controller;
        var now = time.GetUtcNow();
        var beacons = pipeline.Tracker.Snapshot(now, MaxBeaconsOnPage);
        var counters = pipeline.Tracker.Counters;
        return new RadioStatus(
            State(),
            scanning.LastError ?? (controller is null ? "starting" : "scanning"),
            controller is null ? null : $"{controller.Address} Bluetooth {controller.CoreVersionName} (manufacturer 0x{controller.Manufacturer:X4})",
            string.Create(CultureInfo.InvariantCulture,
                $"{(settings.Active ? "active" : "passive")}, interval {settings.IntervalMs} ms, window {settings.WindowMs} ms, {settings.Transport}"),
            Math.Round(ReportsPerSecond()),
            counters.Tracked,
            counters.Evicted,
            [.. beacons.Select(b => new RadioBeaconRow(
                b.BeaconId, b.Address, b.Frames, b.RssiLast, b.RssiSmoothed, b.DistanceM, b.BatteryMv, b.TemperatureC, b.LastSeen, b.Count))]);
    }

    public void WriteSnapshot(Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, Snapshot(), DiagnosticsJsonContext.Default.RadioStatus);

    public HealthReport Check()
    {
        if (scanning.ExecuteTask is { IsFaulted: true })
        {
            return new HealthReport("radio", false, "the scanning loop crashed");
        }

        return new HealthReport("radio", true, scanning.LastError is null ? State() : $"degraded: {scanning.LastError}");
    }

    public void WriteMetrics(StringBuilder output)
    {
        var counters = pipeline.Tracker.Counters;
        PrometheusText.Metric(output, "edgegw_radio_reports_total", "counter", "Advertising reports received from the controller.", counters.Reports);
        PrometheusText.Metric(output, "edgegw_radio_reports_per_second", "gauge", "Advertising reports per second, last second.", ReportsPerSecond());
        PrometheusText.Metric(output, "edgegw_beacons_tracked", "gauge", "Beacons the tracker currently holds.", counters.Tracked);
        PrometheusText.Metric(output, "edgegw_beacons_evicted_total", "counter", "Beacons dropped because the tracker was full.", counters.Evicted);
        PrometheusText.Metric(output, "edgegw_beacons_lost_total", "counter", "Beacons declared lost after their absence limit.", counters.Lost);
        PrometheusText.Metric(output, "edgegw_radio_malformed_total", "counter", "Advertising data that did not parse.", pipeline.MalformedAdvertisingData);
        PrometheusText.Metric(output, "edgegw_heartbeats_appended_total", "counter", "Heartbeats handed to the outbox.", tracking.Appended);
        PrometheusText.Metric(output, "edgegw_heartbeats_append_failures_total", "counter", "Heartbeats the outbox refused.", tracking.AppendFailures);
        PrometheusText.Metric(output, "edgegw_radio_up", "gauge", "1 while the controller is scanning.", State() == "scanning" ? 1 : 0);
    }

    public async Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        if (scanning.LastError is { } error)
        {
            return new SelfTestResult("radio", SelfTestVerdict.Fail, error,
                "the message names the fix; hardware/README.md (Radio) lists each case");
        }

        if (scanning.Controller is not { } controller)
        {
            return new SelfTestResult("radio", SelfTestVerdict.Fail, "the controller has not come up yet",
                "wait a few seconds and run the self-test again; if it stays so, check the Logs page");
        }

        var before = pipeline.Tracker.Counters.Reports;
        await Task.Delay(TimeSpan.FromSeconds(3), time, cancellationToken);
        var heard = pipeline.Tracker.Counters.Reports - before;
        return heard == 0
            ? new SelfTestResult("radio", SelfTestVerdict.Warn, $"controller {controller.Address} is scanning but heard no advertisement in 3 s",
                "check that the shop's beacons are powered and within range")
            : new SelfTestResult("radio", SelfTestVerdict.Pass,
                string.Create(CultureInfo.InvariantCulture, $"scanning with {controller.Address} (Bluetooth {controller.CoreVersionName}), {heard / 3.0:0} reports/s, {pipeline.Tracker.Counters.Tracked} beacons"));
    }

    private string State() => scanning.LastError is not null ? "unavailable" : scanning.Controller is null ? "starting" : "scanning";
}

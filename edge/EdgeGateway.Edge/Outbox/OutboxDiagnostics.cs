using System.Globalization;
using System.Text;
using EdgeGateway.Edge.Diagnostics;
using EdgeGateway.Edge.Hosting;
using EdgeGateway.Edge.SelfTest;
using EdgeGateway.Edge.Uplink;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Outbox;

/// <summary>The durable queue for the page, the watchdog, Prometheus and the self-test (backlog check).</summary>
public sealed class OutboxDiagnostics(LiteDbOutbox outbox, IOptions<OutboxOptions> options, IEnumerable<MqttUplink> uplinks)
    : IStatusContributor, IHealthSource, IMetricsContributor, ISelfTestCheck
{
    private readonly MqttUplink? _uplink = uplinks.FirstOrDefault();

    string IStatusContributor.Name => "outbox";

    string ISelfTestCheck.Name => "backlog";

    public object Snapshot()
    {
        var state = outbox.State;
        return new
        {
            backlog = state.Backlog,
            backlogBytes = state.BacklogBytes,
            inFlight = state.InFlight,
            shed = state.Shed,
            rejected = state.Rejected,
            mode = state.MemoryOnly ? "memory" : "disk",
            lastStorageError = state.LastStorageError,
            corruptFileMovedTo = state.CorruptFileMovedTo,
            numberingResumed = state.NumberingResumed,
            reservationFailures = state.ReservationFailures,
            retained = state.Retained,
            resent = state.Resent,
            lastSync = _uplink?.State.LastPublishAt,
        };
    }

    // Memory-only mode is an alarm, not a reason to restart: the daemon is designed to ride it out.
    public HealthReport Check() => new("outbox", true, outbox.State.MemoryOnly ? $"memory-only: {outbox.State.LastStorageError}" : "on disk");

    public void WriteMetrics(StringBuilder output)
    {
        var state = outbox.State;
        PrometheusText.Metric(output, "edgegw_outbox_backlog_items", "gauge", "Items waiting to be delivered.", state.Backlog);
        PrometheusText.Metric(output, "edgegw_outbox_backlog_bytes", "gauge", "Bytes of items waiting to be delivered.", state.BacklogBytes);
        PrometheusText.Metric(output, "edgegw_outbox_memory_only", "gauge", "1 while the database cannot be written and items are kept in memory.", state.MemoryOnly ? 1 : 0);
        PrometheusText.Metric(output, "edgegw_outbox_rejected_total", "counter", "Appends refused (bad stream name, oversized item).", state.Rejected);
        PrometheusText.Metric(output, "edgegw_outbox_retained_items", "gauge", "Acknowledged items kept on disk so the cloud can ask for them again.", state.Retained);
        PrometheusText.Metric(output, "edgegw_outbox_retained_bytes", "gauge", "Bytes of those items.", state.RetainedBytes);
        PrometheusText.Metric(output, "edgegw_outbox_cache_bytes", "gauge", "Memory held by the database's page cache (its high-water mark: it never shrinks).", outbox.CacheBytes);
        PrometheusText.Metric(output, "edgegw_outbox_resent_total", "counter", "Items queued again by outbox.resend requests.", state.Resent);
        PrometheusText.Metric(output, "edgegw_outbox_reservation_failures_total", "counter", "Times the sequence reservation file could not be written.", state.ReservationFailures);
        PrometheusText.Header(output, "edgegw_outbox_shed_total", "counter", "Items dropped by the full policy, per stream.");
        foreach (var (stream, count) in state.Shed)
        {
            PrometheusText.Sample(output, "edgegw_outbox_shed_total", count, ("stream", stream));
        }
    }

    public Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        var state = outbox.State;
        var limit = options.Value.MaxItems;
        var detail = string.Create(CultureInfo.InvariantCulture, $"{state.Backlog} items waiting ({state.Backlog * 100.0 / limit:0.#} % of the {limit} limit), {state.Shed.Values.Sum()} shed");
        SelfTestResult result;
        if (state.MemoryOnly)
        {
            result = new SelfTestResult("backlog", SelfTestVerdict.Fail, $"the queue is in memory only: {state.LastStorageError}",
                "the SD card is full or failing: free space or replace the card; queued items survive until the daemon restarts");
        }
        else if (state.Backlog > limit / 2)
        {
            result = new SelfTestResult("backlog", SelfTestVerdict.Warn, detail, "the gateway has been offline a long time: check the broker check above");
        }
        else
        {
            result = new SelfTestResult("backlog", SelfTestVerdict.Pass, detail);
        }

        return Task.FromResult(result);
    }
}

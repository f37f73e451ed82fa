using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace EdgeGateway.CloudBridge.Observability;

/// <summary>
/// The bridge's counters and gauges, rendered in the Prometheus text exposition format on /metrics.
/// Label values come from a closed set (kinds, outcomes, reject reasons, stream names that passed
/// topic validation), so the series count stays bounded.
/// </summary>
public sealed class BridgeMetrics
{
    private static readonly Dictionary<string, (string Type, string Help)> Descriptions = new(StringComparer.Ordinal)
    {
        ["edgegw_bridge_messages_total"] = ("counter", "MQTT messages handled, by kind and outcome (stored, duplicate, stale, rejected)."),
        ["edgegw_bridge_rejected_total"] = ("counter", "Messages rejected by validation, by reason."),
        ["edgegw_bridge_items_total"] = ("counter", "Items stored (first delivery of each item sequence number only), by stream."),
        ["edgegw_bridge_duplicate_items_total"] = ("counter", "Items dropped because their sequence number was already stored (redelivery, re-cut resend), by stream."),
        ["edgegw_bridge_bad_items_total"] = ("counter", "Items dropped by validation inside accepted envelopes, by stream."),
        ["edgegw_bridge_commits_total"] = ("counter", "Store transactions committed."),
        ["edgegw_bridge_commit_failures_total"] = ("counter", "Store transactions that failed and were retried."),
        ["edgegw_bridge_commit_seconds_sum"] = ("counter", "Total time spent committing batches."),
        ["edgegw_bridge_committed_messages_total"] = ("counter", "Messages in committed batches."),
        ["edgegw_bridge_mqtt_connected"] = ("gauge", "1 while connected to the broker."),
        ["edgegw_bridge_mqtt_connects_total"] = ("counter", "Successful broker connections."),
        ["edgegw_bridge_pending_messages"] = ("gauge", "Messages received and not yet acknowledged."),
        ["edgegw_bridge_desired_published_total"] = ("counter", "Retained config/desired documents published."),
        ["edgegw_bridge_connector_events_total"] = ("counter", "Fleet events queued for a connector, by connector."),
        ["edgegw_bridge_connector_delivered_total"] = ("counter", "Queued events a connector completed, by connector."),
        ["edgegw_bridge_connector_failures_total"] = ("counter", "Batches a connector could not complete (kept and retried later), by connector."),
        ["edgegw_bridge_connector_requests_total"] = ("counter", "HTTP attempts to a platform, by connector and status code (none: timeout or no connection)."),
        ["edgegw_bridge_connector_retries_total"] = ("counter", "HTTP retries after a transient failure, by connector."),
        ["edgegw_bridge_connector_circuit_open"] = ("gauge", "1 while a connector's circuit breaker is open."),
        ["edgegw_bridge_connector_queue_depth"] = ("gauge", "Events waiting in a connector's durable queue."),
        ["edgegw_bridge_connector_shed_total"] = ("counter", "Events dropped from a connector's queue (full queue or unreadable row), by connector."),
        ["edgegw_bridge_connector_enqueue_failures_total"] = ("counter", "Committed batches whose connector events could not be queued."),
        ["edgegw_bridge_connector_skipped_total"] = ("counter", "Items a connector deliberately did not forward (unknown on the platform, coalesced, no site), by connector and reason."),
    };

    private readonly ConcurrentDictionary<(string Name, string Labels), StrongBox<double>> _values = new();

    public void Add(string name, double value = 1, string labels = "")
    {
        var box = _values.GetOrAdd((name, labels), _ => new StrongBox<double>());
        lock (box)
        {
            box.Value += value;
        }
    }

    public void Set(string name, double value, string labels = "")
    {
        var box = _values.GetOrAdd((name, labels), _ => new StrongBox<double>());
        lock (box)
        {
            box.Value = value;
        }
    }

    public double Get(string name, string labels = "") =>
        _values.TryGetValue((name, labels), out var box) ? box.Value : 0;

    /// <summary>`key="value"` pairs for a series; values are escaped per the exposition format.</summary>
    public static string Labels(params (string Key, string Value)[] pairs) =>
        string.Join(',', pairs.Select(p => $"{p.Key}=\"{p.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\""));

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var group in _values.OrderBy(kv => kv.Key.Name, StringComparer.Ordinal).ThenBy(kv => kv.Key.Labels, StringComparer.Ordinal).GroupBy(kv => kv.Key.Name))
        {
            if (Descriptions.TryGetValue(group.Key, out var d))
            {
                text.Append(CultureInfo.InvariantCulture, $"# HELP {group.Key} {d.Help}\n# TYPE {group.Key} {d.Type}\n");
            }

            foreach (var ((name, labels), box) in group)
            {
                var series = labels.Length == 0 ? name : $"{name}{{{labels}}}";
                text.Append(CultureInfo.InvariantCulture, $"{series} {box.Value.ToString("R", CultureInfo.InvariantCulture)}\n");
            }
        }

        return text.ToString();
    }
}

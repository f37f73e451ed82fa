using System.Collections.Concurrent;
using System.Net;
using EdgeGateway.CloudBridge.Observability;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// Per-connector health: counters go to <see cref="BridgeMetrics"/> (label `connector`), the last error and
/// times are kept here for GET /api/v1/connectors. Every error text passes through the connector's
/// <see cref="SecretRedactor"/> before it is kept, so the API never shows a credential.
/// </summary>
public sealed class ConnectorStatusBoard(BridgeMetrics metrics, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private Entry Get(string connector) => _entries.GetOrAdd(connector, _ => new Entry());

    private static string Label(string connector) => BridgeMetrics.Labels(("connector", connector));

    /// <summary>Makes the connector visible (with zero counters) from the start.</summary>
    public void Register(string connector)
    {
        Get(connector);
        metrics.Add("edgegw_bridge_connector_delivered_total", 0, Label(connector));
        metrics.Add("edgegw_bridge_connector_failures_total", 0, Label(connector));
        SetCircuit(connector, CircuitState.Closed);
    }

    public void SetQueueDepth(string connector, long depth)
    {
        Get(connector).QueueDepth = depth;
        metrics.Set("edgegw_bridge_connector_queue_depth", depth, Label(connector));
    }

    public void RecordDelivered(string connector, int events)
    {
        var entry = Get(connector);
        Interlocked.Add(ref entry.Delivered, events);
        entry.LastSuccessAt = time.GetUtcNow();
        metrics.Add("edgegw_bridge_connector_delivered_total", events, Label(connector));
    }

    /// <summary>A batch the connector could not complete (kept for a later attempt). <paramref name="error"/> must be redacted.</summary>
    public void RecordFailure(string connector, string error)
    {
        var entry = Get(connector);
        Interlocked.Increment(ref entry.Failures);
        entry.LastError = error;
        entry.LastErrorAt = time.GetUtcNow();
        metrics.Add("edgegw_bridge_connector_failures_total", 1, Label(connector));
    }

    /// <summary>One HTTP attempt's outcome: a status code, or null for a timeout / connection failure.</summary>
    public void RecordRequest(string connector, HttpStatusCode? status)
    {
        Interlocked.Increment(ref Get(connector).Requests);
        var code = status is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";
        metrics.Add("edgegw_bridge_connector_requests_total", 1, BridgeMetrics.Labels(("connector", connector), ("code", code)));
    }

    /// <summary>Items deliberately not forwarded (not on the platform, coalesced, no site); <paramref name="reason"/> is a short fixed word.</summary>
    public void RecordSkipped(string connector, string reason, int count = 1) =>
        metrics.Add("edgegw_bridge_connector_skipped_total", count, BridgeMetrics.Labels(("connector", connector), ("reason", reason)));

    public void RecordRetry(string connector)
    {
        Interlocked.Increment(ref Get(connector).Retries);
        metrics.Add("edgegw_bridge_connector_retries_total", 1, Label(connector));
    }

    public void SetCircuit(string connector, CircuitState state)
    {
        Get(connector).Circuit = state;
        metrics.Set("edgegw_bridge_connector_circuit_open", state == CircuitState.Open ? 1 : 0, Label(connector));
    }

    public ConnectorStatus Status(string connector)
    {
        var e = Get(connector);
        return new ConnectorStatus(
            connector, e.Circuit.ToString().ToLowerInvariant(), e.QueueDepth, Interlocked.Read(ref e.Delivered), Interlocked.Read(ref e.Failures),
            Interlocked.Read(ref e.Requests), Interlocked.Read(ref e.Retries), e.LastError, e.LastErrorAt, e.LastSuccessAt);
    }

    public IReadOnlyList<ConnectorStatus> All() => [.. _entries.Keys.Order(StringComparer.Ordinal).Select(Status)];

    private sealed class Entry
    {
        public long Delivered;
        public long Failures;
        public long Requests;
        public long Retries;

        public long QueueDepth { get; set; }

        public CircuitState Circuit { get; set; }

        public string? LastError { get; set; }

        public DateTimeOffset? LastErrorAt { get; set; }

        public DateTimeOffset? LastSuccessAt { get; set; }
    }
}

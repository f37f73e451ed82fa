using System.Text;
using System.Text.Json;
using EdgeGateway.Edge.Diagnostics;
using EdgeGateway.Edge.Diagnostics.Web;
using EdgeGateway.Edge.Hosting;
using EdgeGateway.Edge.SelfTest;

namespace EdgeGateway.Edge.Uplink;

/// <summary>The cloud connection for the page, the watchdog, Prometheus and the self-test (broker check).</summary>
public sealed class UplinkDiagnostics(MqttUplink uplink) : IStatusContributor, IHealthSource, IMetricsContributor, ISelfTestCheck
{
    string IStatusContributor.Name => "uplink";

    string ISelfTestCheck.Name => "broker";

    public UplinkStatus Snapshot()
    {
        var state = uplink.State;
        return new UplinkStatus(
            state.Connected,
            state.Broker,
            state.ConnectedSince,
            state.Session,
            state.LastPublishAt,
            state.Published,
            state.InFlight,
            state.Reconnects,
            state.LastError,
            state.LastErrorAt);
    }

    public void WriteSnapshot(Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, Snapshot(), DiagnosticsJsonContext.Default.UplinkStatus);

    public HealthReport Check() =>
        uplink.ExecuteTask is { IsFaulted: true }
            ? new HealthReport("uplink", false, "the uplink loop crashed")
            // Disconnected is not unhealthy: the outbox keeps everything and a restart would not bring the network back.
            : new HealthReport("uplink", true, uplink.State.Connected ? "connected" : $"disconnected: {uplink.State.LastError ?? "connecting"}");

    public void WriteMetrics(StringBuilder output)
    {
        var state = uplink.State;
        PrometheusText.Metric(output, "edgegw_uplink_connected", "gauge", "1 while connected to the broker.", state.Connected ? 1 : 0);
        PrometheusText.Metric(output, "edgegw_uplink_published_total", "counter", "Batches acknowledged by the broker (PUBACK).", state.Published);
        PrometheusText.Metric(output, "edgegw_uplink_in_flight", "gauge", "Publishes waiting for PUBACK.", state.InFlight);
        PrometheusText.Metric(output, "edgegw_uplink_reconnects_total", "counter", "Reconnections to the broker.", state.Reconnects);
        PrometheusText.Metric(output, "edgegw_uplink_rejected_incoming_total", "counter", "Incoming config/commands refused as malformed.", state.RejectedIncoming);
        if (state.LastPublishAt is { } last)
        {
            PrometheusText.Metric(output, "edgegw_uplink_last_publish_timestamp_seconds", "gauge", "Unix time of the last acknowledged publish.", last.ToUnixTimeMilliseconds() / 1000.0);
        }
    }

    public Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        var state = uplink.State;
        var result = state.Connected
            ? new SelfTestResult("broker", SelfTestVerdict.Pass, $"connected to {state.Broker} since {state.ConnectedSince:u} (session {state.Session})")
            : new SelfTestResult("broker", SelfTestVerdict.Fail, $"not connected to {state.Broker}: {state.LastError ?? "connecting"}",
                "check the shop's internet and that the broker port is open; a TLS error usually means a wrong clock or certificate (gatewayctl provision)");
        return Task.FromResult(result);
    }
}

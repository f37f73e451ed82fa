using System.Text;
using System.Text.Json;
using EdgeGateway.Edge.Diagnostics;
using EdgeGateway.Edge.Diagnostics.Web;
using EdgeGateway.Edge.Hosting;
using EdgeGateway.Edge.SelfTest;

namespace EdgeGateway.Edge.Nfc;

/// <summary>The PN532 reader for the page, the watchdog, Prometheus and the self-test.</summary>
public sealed class NfcDiagnostics(NfcReaderHealth health, NfcRecentTaps recent, NfcShownCodes codes)
    : IStatusContributor, IHealthSource, IMetricsContributor, ISelfTestCheck
{
    string IStatusContributor.Name => "nfc";

    string ISelfTestCheck.Name => "nfc";

    public NfcStatus Snapshot()
    {
        var status = health.Snapshot();
        return new NfcStatus(
            status.State.ToString().ToLowerInvariant(),
            status.LastError,
            status.Firmware,
            status.Transport,
            status.Taps,
            status.Reconnects,
            status.LastError,
            status.LastErrorAt,
            status.WritesSucceeded,
            status.WritesFailed,
            recent.Recent(),
            codes.Recent());
    }

    public void WriteSnapshot(Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, Snapshot(), DiagnosticsJsonContext.Default.NfcStatus);

    // The poll loop catches every reader fault and reconnects by itself; an absent reader is degraded, not a reason to restart.
    public HealthReport Check() => new("nfc", true, health.Snapshot().State.ToString().ToLowerInvariant());

    public void WriteMetrics(StringBuilder output)
    {
        var status = health.Snapshot();
        PrometheusText.Metric(output, "edgegw_nfc_reads_total", "counter", "NFC taps read and queued for the cloud.", status.Taps);
        PrometheusText.Header(output, "edgegw_nfc_errors_total", "counter", "NFC errors by kind.");
        PrometheusText.Sample(output, "edgegw_nfc_errors_total", status.TagErrors, ("kind", "tag"));
        PrometheusText.Sample(output, "edgegw_nfc_errors_total", status.NdefErrors, ("kind", "ndef"));
        PrometheusText.Sample(output, "edgegw_nfc_errors_total", status.OutboxErrors, ("kind", "outbox"));
        PrometheusText.Metric(output, "edgegw_nfc_reconnects_total", "counter", "Times the PN532 was reopened after it went silent.", status.Reconnects);
        PrometheusText.Metric(output, "edgegw_nfc_up", "gauge", "1 while the PN532 answers.", status.State == NfcReaderState.Ready ? 1 : 0);
    }

    public Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        var status = health.Snapshot();
        var result = status.State switch
        {
            NfcReaderState.Ready => new SelfTestResult("nfc", SelfTestVerdict.Pass, $"PN532 firmware {status.Firmware} answering on {status.Transport}"),
            NfcReaderState.Disabled => new SelfTestResult("nfc", SelfTestVerdict.Warn, "NFC is disabled in the configuration (Nfc:Enabled)",
                "set Nfc:Enabled to true if this gateway has a PN532"),
            _ => new SelfTestResult("nfc", SelfTestVerdict.Fail, $"PN532 not answering on {status.Transport}: {status.LastError ?? "starting"}",
                "check wiring and the mode switch; hardware/README.md (NFC, Troubleshooting) matches this message"),
        };
        return Task.FromResult(result);
    }
}

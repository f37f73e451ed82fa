using System.Text;

namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>Counters of the web page's own security events, for /metrics.</summary>
public sealed class DiagnosticsCounters : IMetricsContributor
{
    private long _loginSucceeded;
    private long _loginFailed;
    private long _loginThrottled;
    private long _csrfRejected;

    public long LoginFailures => Interlocked.Read(ref _loginFailed);

    public void LoginSucceeded() => Interlocked.Increment(ref _loginSucceeded);

    public void LoginFailed() => Interlocked.Increment(ref _loginFailed);

    public void LoginThrottled() => Interlocked.Increment(ref _loginThrottled);

    public void CsrfRejected() => Interlocked.Increment(ref _csrfRejected);

    public void WriteMetrics(StringBuilder output)
    {
        PrometheusText.Header(output, "edgegw_web_logins_total", "counter", "Technician login attempts by outcome.");
        PrometheusText.Sample(output, "edgegw_web_logins_total", Interlocked.Read(ref _loginSucceeded), ("outcome", "success"));
        PrometheusText.Sample(output, "edgegw_web_logins_total", Interlocked.Read(ref _loginFailed), ("outcome", "wrong_password"));
        PrometheusText.Sample(output, "edgegw_web_logins_total", Interlocked.Read(ref _loginThrottled), ("outcome", "locked_out"));
        PrometheusText.Metric(output, "edgegw_web_csrf_rejected_total", "counter",
            "State-changing requests refused for a missing or invalid CSRF token.", Interlocked.Read(ref _csrfRejected));
    }
}

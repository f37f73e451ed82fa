using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using EdgeGateway.Testing.Mqtt;

namespace EdgeGateway.EndToEnd.Processes;

/// <summary>
/// `edgegw run` against a real mosquitto: the backlog built while the broker is down survives a graceful
/// restart of the daemon and drains once the broker is back.
/// </summary>
public partial class GatewayBacklogTests
{
    private const string MetricsToken = "backlog-test-token-0123456789";

    [Fact]
    public async Task A_restart_keeps_the_backlog_and_it_drains_when_the_broker_returns()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoBroker.StartAsync(cancellationToken: ct);
        string[] arguments =
        [
            "--set", "Uplink:Host=127.0.0.1", "--set", $"Uplink:Port={broker.Port}", "--set", "Uplink:UseTls=false",
            "--set", "Uplink:ReconnectMinDelay=00:00:00.200", "--set", "Uplink:ReconnectMaxDelay=00:00:01",
            "--set", "Tracking:HeartbeatInterval=00:00:01", "--set", $"Diagnostics:MetricsToken={MetricsToken}",
        ];
        await using var first = await GatewayProcess.StartSimulatedAsync(arguments);
        await WaitForAsync(first, m => Metric(m, "edgegw_uplink_connected") == 1, "the uplink to connect");

        broker.Kill();
        await WaitForAsync(first, m => Metric(m, "edgegw_outbox_backlog_items") >= 50, "a backlog to build up");
        var backlogBeforeStop = Metric(await MetricsAsync(first), "edgegw_outbox_backlog_items");
        Assert.Equal(0, await first.StopAsync());

        await using var second = await GatewayProcess.StartSimulatedAsync(arguments, first.DataDirectory);
        var backlogAfterRestart = Metric(await MetricsAsync(second), "edgegw_outbox_backlog_items");
        await broker.RestartAsync(ct);
        await WaitForAsync(second, m => Metric(m, "edgegw_uplink_connected") == 1 && Metric(m, "edgegw_outbox_backlog_items") < 40, "the backlog to drain");

        Assert.True(backlogAfterRestart >= backlogBeforeStop, $"backlog {backlogBeforeStop} before the stop, {backlogAfterRestart} after the restart");
        Assert.Equal(0, await second.StopAsync());
    }

    private static async Task<string> MetricsAsync(GatewayProcess gateway)
    {
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsToken);
        return await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
    }

    private static async Task WaitForAsync(GatewayProcess gateway, Func<string, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        string metrics = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            metrics = await MetricsAsync(gateway);
            if (condition(metrics))
            {
                return;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"timed out waiting for {what}; metrics:\n{metrics}\noutput:\n{gateway.Output}");
    }

    private static double Metric(string metrics, string name)
    {
        var match = Regex.Match(metrics, $"(?m)^{Regex.Escape(name)} (\\S+)$");
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }
}

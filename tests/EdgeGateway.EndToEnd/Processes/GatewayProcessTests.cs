namespace EdgeGateway.EndToEnd.Processes;

/// <summary>`edgegw run` as systemd runs it: READY=1 once up, STOPPING=1 and a clean exit on SIGTERM.</summary>
public class GatewayProcessTests
{
    [Fact]
    public async Task The_daemon_notifies_ready_and_stops_cleanly_on_sigterm()
    {
        await using var gateway = await GatewayProcess.StartSimulatedAsync();

        var ready = await gateway.NextNotificationAsync(TimeSpan.FromSeconds(10));
        var exitCode = await gateway.StopAsync();
        var stopping = await gateway.NextNotificationAsync(TimeSpan.FromSeconds(5));

        Assert.NotNull(ready);
        Assert.StartsWith("READY=1\nSTATUS=gateway sim-gw-1 running", ready, StringComparison.Ordinal);
        Assert.Equal("STOPPING=1", stopping);
        Assert.Equal(0, exitCode);
    }
}

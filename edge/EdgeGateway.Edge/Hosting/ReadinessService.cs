using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Hosting;

/// <summary>Tells systemd READY=1 once every service has started, and STOPPING=1 when shutdown begins.</summary>
public sealed partial class ReadinessService(
    SystemdNotifier notifier,
    IOptions<GatewayOptions> gateway,
    ILogger<ReadinessService> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        notifier.Ready($"gateway {gateway.Value.GatewayId} running");
        LogReady(gateway.Value.GatewayId, gateway.Value.Site, notifier.IsEnabled);
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        notifier.Stopping();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway {GatewayId} at site {Site} is up (systemd notify: {Systemd})")]
    private partial void LogReady(string gatewayId, string site, bool systemd);
}

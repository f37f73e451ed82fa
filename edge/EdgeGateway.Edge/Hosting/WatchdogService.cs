using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Edge.Hosting;

/// <summary>
/// Pings the systemd watchdog at half the unit's WatchdogSec, but only while every
/// <see cref="IHealthSource"/> reports healthy. When one is not, it stops pinging and logs which,
/// so systemd restarts the daemon (Restart=always) with the reason in the journal.
/// </summary>
public sealed partial class WatchdogService(
    SystemdNotifier notifier,
    IEnumerable<IHealthSource> sources,
    TimeProvider time,
    ILogger<WatchdogService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (notifier.WatchdogInterval is not { } interval)
        {
            return;
        }

        var period = interval / 2;
        string? lastUnhealthy = null;
        using var timer = new PeriodicTimer(period, time);
        do
        {
            var unhealthy = sources.Select(s => s.Check()).FirstOrDefault(r => !r.Healthy);
            if (unhealthy is null)
            {
                notifier.WatchdogPing();
                lastUnhealthy = null;
            }
            else if (unhealthy.Part != lastUnhealthy)
            {
                LogWithholding(unhealthy.Part, unhealthy.Detail);
                lastUnhealthy = unhealthy.Part;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Withholding the systemd watchdog ping: {Part} is unhealthy ({Detail})")]
    private partial void LogWithholding(string part, string detail);
}

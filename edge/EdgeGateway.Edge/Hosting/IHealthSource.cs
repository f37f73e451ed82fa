namespace EdgeGateway.Edge.Hosting;

/// <summary>
/// A service that can say whether it is alive. The watchdog pings systemd only while every
/// source says healthy, so a hung service gets the daemon restarted instead of silently stalling.
/// A hardware part that is merely absent reports healthy-but-degraded: a restart would not bring it back.
/// </summary>
public interface IHealthSource
{
    HealthReport Check();
}

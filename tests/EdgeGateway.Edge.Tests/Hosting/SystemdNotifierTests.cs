using System.Net.Sockets;
using System.Text;
using EdgeGateway.Edge.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Edge.Tests.Hosting;

public sealed class SystemdNotifierTests : IDisposable
{
    private readonly string _socketPath = Path.Combine(Path.GetTempPath(), $"egw-notify-{Guid.NewGuid():N}.sock");
    private readonly Socket _systemd = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public SystemdNotifierTests() => _systemd.Bind(new UnixDomainSocketEndPoint(_socketPath));

    [Fact]
    public void Ready_and_stopping_arrive_as_sd_notify_datagrams()
    {
        using var notifier = new SystemdNotifier(_socketPath, null, null, Environment.ProcessId);

        notifier.Ready("scanning, 3 beacons");
        notifier.Stopping();

        Assert.True(notifier.IsEnabled);
        Assert.Equal("READY=1\nSTATUS=scanning, 3 beacons", Receive());
        Assert.Equal("STOPPING=1", Receive());
    }

    [Fact]
    public void Without_notify_socket_every_call_is_a_no_op()
    {
        using var notifier = new SystemdNotifier(null, "1000000", null, Environment.ProcessId);

        notifier.Ready("x");
        notifier.WatchdogPing();

        Assert.False(notifier.IsEnabled);
    }

    [Theory]
    [InlineData("30000000", null, 30.0)]
    [InlineData("30000000", "SELF", null)]
    [InlineData("0", null, null)]
    [InlineData("junk", null, null)]
    public void Watchdog_interval_comes_from_watchdog_usec_for_this_pid_only(string usec, string? pid, double? expectedSeconds)
    {
        var watchdogPid = pid == "SELF" ? (Environment.ProcessId + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : pid;
        using var notifier = new SystemdNotifier(_socketPath, usec, watchdogPid, Environment.ProcessId);

        Assert.Equal(expectedSeconds, notifier.WatchdogInterval?.TotalSeconds);
    }

    [Fact]
    public async Task Watchdog_pings_only_while_every_part_is_healthy()
    {
        var ct = TestContext.Current.CancellationToken;
        using var notifier = new SystemdNotifier(_socketPath, "10000000", null, Environment.ProcessId);
        var time = new FakeTimeProvider();
        var radio = new SwitchableHealth("radio");
        using var watchdog = new WatchdogService(notifier, [radio], time, NullLogger<WatchdogService>.Instance);

        await watchdog.StartAsync(ct);
        Assert.Equal("WATCHDOG=1", Receive());

        radio.Healthy = false;
        time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(100, ct);
        Assert.Equal(0, _systemd.Available);

        radio.Healthy = true;
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("WATCHDOG=1", Receive());
        await watchdog.StopAsync(ct);
    }

    public void Dispose()
    {
        _systemd.Dispose();
        File.Delete(_socketPath);
    }

    private string Receive()
    {
        _systemd.ReceiveTimeout = 5000;
        var buffer = new byte[512];
        var read = _systemd.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private sealed class SwitchableHealth(string part) : IHealthSource
    {
        public bool Healthy { get; set; } = true;

        public HealthReport Check() => new(part, Healthy, Healthy ? "ok" : "stalled");
    }
}

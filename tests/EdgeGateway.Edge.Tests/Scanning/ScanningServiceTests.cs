using EdgeGateway.Edge.Scanning;
using EdgeGateway.Edge.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Tests.Scanning;

public class ScanningServiceTests
{
    [Fact]
    public async Task The_service_scans_the_simulated_shop_into_the_tracker()
    {
        var ct = TestContext.Current.CancellationToken;
        var tracker = new BeaconTracker(new TrackingOptions());
        var options = new ScanningOptions { Transport = RadioTransport.Simulate, SimulatedBeacons = 10 };
        using var service = new ScanningService(Options.Create(options), new ReportPipeline(tracker), TimeProvider.System, NullLogger<ScanningService>.Instance);

        await service.StartAsync(ct);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (tracker.Counters.Tracked < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct);
        }

        await service.StopAsync(ct);

        Assert.True(tracker.Counters.Tracked >= 5, $"tracked {tracker.Counters.Tracked}");
        Assert.NotNull(service.Controller);
        Assert.Null(service.LastError);
    }

    [Fact]
    public async Task An_unopenable_radio_is_reported_and_retried_not_thrown()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new ScanningOptions { Transport = RadioTransport.HciUserChannel, HciDevice = 250, RestartDelay = TimeSpan.FromMilliseconds(50) };
        using var service = new ScanningService(Options.Create(options), new ReportPipeline(new BeaconTracker(new TrackingOptions())), TimeProvider.System,
            NullLogger<ScanningService>.Instance);

        await service.StartAsync(ct);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (service.LastError is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct);
        }

        await service.StopAsync(ct);
        Assert.NotNull(service.LastError);
        Assert.Contains("hci250", service.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_options_problems_name_their_keys()
    {
        var problems = new ScanningOptions { Transport = RadioTransport.Serial, IntervalMs = 10, WindowMs = 20 }.Problems();
        Assert.Contains(problems, p => p.StartsWith("Scanning:SerialPort", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("longer than the interval", StringComparison.Ordinal));
    }
}

using EdgeGateway.Hardware.Emulation.Controller;
using EdgeGateway.Hardware.Emulation.Pty;
using EdgeGateway.Hardware.Hci;
using EdgeGateway.Hardware.Hci.Transports;

namespace EdgeGateway.Hardware.Emulation.Tests.Controller;

/// <summary>H4 over a real tty: SerialH4Transport (System.IO.Ports) on a pseudo-terminal whose other end is the emulated controller.</summary>
public class SerialTransportTests
{
    [Fact]
    public async Task Bring_up_and_scanning_work_over_a_serial_port()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("pseudo-terminals are exercised on Linux only");
        }

        var ct = TestContext.Current.CancellationToken;
        using var pty = new PseudoTerminal();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var controller = new EmulatedLeController(pty.Master, VirtualStore.Create(3, interval: TimeSpan.FromMilliseconds(20)).Select(b => b with { PresentFor = null }).ToList(),
            new EmulatedControllerOptions { SupportsExtendedAdvertising = false });
        var run = Task.Run(() => controller.RunAsync(stop.Token), ct);

        await using (var host = new HciHost(SerialH4Transport.Open(pty.SlavePath, 115_200, rtsCts: true)))
        {
            var reports = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            host.AdvertisingReportReceived = (in AdvertisingReport _) => reports.TrySetResult();
            host.Start();
            var le = new LeController(host);
            var info = await le.InitializeAsync(ct);
            await le.StartScanningAsync(new ScanParameters(), allowExtended: true, ct);
            await reports.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);

            Assert.False(info.SupportsExtendedAdvertising);
            Assert.False(le.UsesExtendedScanning);
            Assert.Equal(0, host.InputErrors.Total);
        }

        await stop.CancelAsync();
        pty.Dispose();
        await run.WaitAsync(TimeSpan.FromSeconds(10), ct);
    }

    [Fact]
    public void A_missing_port_is_a_transport_error_naming_it()
    {
        var ex = Assert.Throws<HciTransportException>(() => SerialH4Transport.Open("/dev/ttyNOPE9", 115_200));
        Assert.Contains("/dev/ttyNOPE9", ex.Message, StringComparison.Ordinal);
    }
}

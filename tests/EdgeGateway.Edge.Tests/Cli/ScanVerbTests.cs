using EdgeGateway.Edge.Cli;
using EdgeGateway.Testing.Cli;

namespace EdgeGateway.Edge.Tests.Cli;

public class ScanVerbTests
{
    [Fact]
    public async Task Simulated_scan_prints_plain_status_lines_and_the_table_when_not_a_terminal()
    {
        var run = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), "scan", "--simulate", "--beacons", "10", "--seconds", "2.5");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("extended passive scanning on the emulated controller (10 virtual beacons)", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"\d\d:\d\d:\d\d reports/s \d+ beacons \d+", run.Output);
        Assert.Contains("BEACON", run.Output, StringComparison.Ordinal);
        Assert.Contains("ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:0", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_transports_at_once_is_a_usage_error()
    {
        var run = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), "scan", "--simulate", "--hci-dev", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("choose one of", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_radio_that_cannot_be_opened_is_one_line_with_the_reason()
    {
        var run = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), "scan", "--hci-dev", "250", "--seconds", "1");
        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("edgegw scan: radio unavailable: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_missing_serial_port_names_the_path()
    {
        var run = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), "scan", "--serial", "/dev/ttyNOPE9", "--seconds", "1");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("/dev/ttyNOPE9", run.Error, StringComparison.Ordinal);
    }
}

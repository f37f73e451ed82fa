using EdgeGateway.Edge.BeaconConfig;
using EdgeGateway.Edge.Cli;
using EdgeGateway.Hardware.Emulation.Controller;
using EdgeGateway.Testing.Cli;

namespace EdgeGateway.Edge.Tests.Cli;

/// <summary>`edgegw beacon get|set` against the emulated controller's virtual shop: the same configurator as the daemon.</summary>
public sealed class BeaconCommandTests : IDisposable
{
    private const string IBeacon0 = "ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:0";
    private const string Eddystone2 = "eddystone:edd10000000000000007:000000000002";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("egw-beacon-cli-");

    private string KeyFile => Path.Combine(_directory.FullName, "beacon-keys.json");

    [Fact]
    public async Task Set_prints_the_report_with_the_rounded_power()
    {
        var run = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), "beacon", "set", "--simulate", "--beacons", "10", "--id", IBeacon0,
            "--tx-power", "-10", "--interval-ms", "300", "--lock-key-file", KeyFile);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"state\":\"rounded\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"txPowerDbm\":-8", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"intervalMs\":300", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_locked_beacon_without_its_key_fails_with_the_reason_and_get_works_with_it()
    {
        var refused = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), "beacon", "set", "--simulate", "--beacons", "10", "--id", Eddystone2,
            "--tx-power", "0", "--lock-key-file", KeyFile);
        new BeaconLockKeys(KeyFile).Save(Eddystone2, VirtualStore.SimulatedLockKey.ToArray());
        var read = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), "beacon", "get", "--simulate", "--beacons", "10", "--id", Eddystone2,
            "--lock-key-file", KeyFile);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("wrong-lock-key", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, read.ExitCode);
        Assert.Contains("TX power -8 dBm", read.Output, StringComparison.Ordinal);
        Assert.Contains("Unlocked", read.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        }

        Assert.DoesNotContain("6564676567772d73696d756c61746564", read.Output + read.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("set", "give --tx-power, --interval-ms or both")]
    [InlineData("set --tx-power 50", "--tx-power must be -40..20 dBm")]
    public async Task Bad_values_are_a_usage_error(string arguments, string reason)
    {
        var run = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), ["beacon", .. arguments.Split(' '), "--simulate", "--id", IBeacon0]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}

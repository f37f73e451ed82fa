using System.Diagnostics;
using EdgeGateway.Installer.Pki;
using EdgeGateway.Installer.Provisioning;

namespace EdgeGateway.Installer.Tests.Image;

/// <summary>The first-boot script applied to a card provisioned by the real provisioner, in a temp root tree.</summary>
public sealed class FirstBootScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("egw-firstboot-").FullName;

    [Fact]
    public async Task It_installs_the_identity_removes_secrets_from_the_boot_partition_and_runs_once()
    {
        var boot = Directory.CreateDirectory(Path.Combine(_root, "boot", "firmware")).FullName;
        var fleet = new FleetInitializer(TimeProvider.System, TextWriter.Null).Initialize(
            new FleetInitializer.Request(Path.Combine(_root, "fleet"), "Shops", ["broker.example.com"], [], 8883, null, null));
        new GatewayProvisioner(TimeProvider.System).Provision(
            new ProvisioningRequest("shop-1", "Shop 1", new Uri("mqtts://broker.example.com"), fleet.Directory, boot, false, false));

        var (exitCode, output) = await RunAsync();
        var (secondExit, secondOutput) = await RunAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("applied provisioning for shop-1", output, StringComparison.Ordinal);
        var etc = Path.Combine(_root, "etc", "edgegw");
        Assert.True(File.Exists(Path.Combine(etc, "gateway.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(Path.Combine(etc, "gateway.key")));
        Assert.False(File.Exists(Path.Combine(boot, "edgegw", "gateway.key")));
        Assert.False(File.Exists(Path.Combine(boot, "edgegw", "technician.hash")));
        Assert.True(File.Exists(Path.Combine(boot, "edgegw", "APPLIED")));
        Assert.Equal(0, secondExit);
        Assert.Contains("nothing to apply", secondOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incomplete_card_is_refused_without_touching_etc()
    {
        var card = Directory.CreateDirectory(Path.Combine(_root, "boot", "firmware", "edgegw")).FullName;
        await File.WriteAllTextAsync(Path.Combine(card, "PROVISIONED"), "shop-1\n", TestContext.Current.CancellationToken);

        var (exitCode, output) = await RunAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("incomplete provisioning", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "etc", "edgegw")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(int ExitCode, string Output)> RunAsync()
    {
        var start = new ProcessStartInfo("/bin/sh", [ImageFiles.FirstBootScript])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["EDGEGW_ROOT"] = _root;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}

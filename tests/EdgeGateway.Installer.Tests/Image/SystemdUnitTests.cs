using System.Diagnostics;

namespace EdgeGateway.Installer.Tests.Image;

public sealed class SystemdUnitTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-units-").FullName;

    [Fact]
    public void The_daemon_unit_is_notify_with_watchdog_restart_and_sandboxing()
    {
        var unit = File.ReadAllText(ImageFiles.Unit("edgegw.service"));

        foreach (var line in (string[])["Type=notify", "WatchdogSec=30", "Restart=always", "ProtectSystem=strict",
                     "ReadWritePaths=/var/lib/edgegw", "NoNewPrivileges=yes", "AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW",
                     "CapabilityBoundingSet=CAP_NET_ADMIN CAP_NET_RAW", "User=edgegw"])
        {
            Assert.Contains(line + "\n", unit, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("edgegw.service")]
    [InlineData("edgegw-firstboot.service")]
    public async Task Systemd_analyze_verify_accepts_the_unit(string name)
    {
        var analyze = new EdgeGateway.Testing.Tools.ExternalProgram("systemd-analyze", "systemd").Find();
        if (analyze is null)
        {
            Assert.Skip("systemd-analyze is not installed (Debian package systemd)");
        }

        // Point the unit at stand-in executables in a temp dir: verify checks that ExecStart exists.
        var opt = Directory.CreateDirectory(Path.Combine(_directory, "opt")).FullName;
        foreach (var executable in (string[])["edgegw", "edgegw-firstboot"])
        {
            var path = Path.Combine(opt, executable);
            await File.WriteAllTextAsync(path, "#!/bin/sh\n", TestContext.Current.CancellationToken);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var unitPath = Path.Combine(_directory, name);
        var text = (await File.ReadAllTextAsync(ImageFiles.Unit(name), TestContext.Current.CancellationToken)).Replace("/opt/edgegw", opt, StringComparison.Ordinal);
        await File.WriteAllTextAsync(unitPath, text, TestContext.Current.CancellationToken);

        var start = new ProcessStartInfo(analyze, ["verify", unitPath]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        var relevant = errors.Split('\n').Where(l => l.Contains(name, StringComparison.Ordinal)).ToArray();
        Assert.True(process.ExitCode == 0 && relevant.Length == 0, errors);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

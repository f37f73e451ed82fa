using System.Diagnostics;
using EdgeGateway.Installer.Bundling;

namespace EdgeGateway.Installer.Tests.Bundling;

public sealed class BundleManifestTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-manifest-").FullName;

    [Fact]
    public async Task The_manifest_is_accepted_by_sha256sum_and_catches_a_changed_file()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "edgegw"), "binary", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_directory, "edgegw.service"), "[Unit]\n", TestContext.Current.CancellationToken);

        BundleManifest.Write(_directory);
        var (exitCode, output) = await Sha256SumCheckAsync();
        await File.AppendAllTextAsync(Path.Combine(_directory, "edgegw"), "tampered", TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Contains("edgegw: OK", output, StringComparison.Ordinal);
        Assert.Equal(["edgegw"], BundleManifest.Verify(_directory));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(int ExitCode, string Output)> Sha256SumCheckAsync()
    {
        var start = new ProcessStartInfo("sha256sum", ["-c", BundleManifest.FileName]) { WorkingDirectory = _directory, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, output);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.EndToEnd.Installer;

/// <summary>
/// The bundle a Pi actually gets: `gatewayctl bundle --rid linux-arm64` cross-compiles edgegw with Native AOT on
/// this x64 machine. The result must be an AArch64 executable that asks the Pi's OS for nothing it lacks: only
/// libc and libm at load time (OpenSSL is opened later, by name) and no glibc newer than Raspberry Pi OS
/// bookworm's 2.36. Running it needs arm64 hardware; qemu-user hangs in the runtime's start-up here (even for a
/// hello-world), so the x64 AOT bundle is the one InstallerChainTests runs end to end.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(nameof(WholeMachine))]
public sealed partial class Arm64BundleTests : IDisposable
{
    private static readonly string[] PiOsLoadTimeLibraries = ["libc.so.6", "libm.so.6", "ld-linux-aarch64.so.1"];
    private static readonly Version PiOsGlibc = new(2, 36);
    private readonly string _root = Directory.CreateTempSubdirectory("egw-arm64-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Arm64_bundle_cross_compiled_here_is_an_aarch64_executable_the_pi_can_load()
    {
        ExternalProgram.Clang.Require();
        var objcopy = ExternalProgram.Arm64CrossToolchain.Require();

        var bundle = Path.Combine(_root, "bundle");
        var built = await ProgramRun.RunAsync(Path.Combine(AppContext.BaseDirectory, "gatewayctl"),
            ["bundle", "--rid", "linux-arm64", "--out", bundle, "--source", TestArtifacts.RepositoryRoot()], Ct);
        Assert.True(built.Exit == 0, built.Output);
        Assert.Contains("Native AOT", built.Output, StringComparison.Ordinal);
        var edgegw = Path.Combine(bundle, "edgegw");
        Assert.Equal(ElfMachineAarch64, ElfMachine(edgegw));

        var readelf = Path.Combine(Path.GetDirectoryName(objcopy)!, "aarch64-linux-gnu-readelf");
        var dynamic = await ProgramRun.RunAsync(readelf, ["--dynamic", "--version-info", edgegw], Ct);
        Assert.True(dynamic.Exit == 0, dynamic.Output);
        var needed = NeededLibrary().Matches(dynamic.Output).Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(needed);
        Assert.All(needed, library => Assert.Contains(library, PiOsLoadTimeLibraries));
        var newestGlibc = GlibcVersion().Matches(dynamic.Output).Select(m => Version.Parse(m.Groups[1].Value)).Max();
        Assert.True(newestGlibc <= PiOsGlibc, $"edgegw needs GLIBC_{newestGlibc}, Raspberry Pi OS bookworm has {PiOsGlibc}");

        var manifest = await File.ReadAllTextAsync(Path.Combine(bundle, "manifest.sha256"), Ct);
        Assert.Contains(" edgegw", manifest, StringComparison.Ordinal);
        Assert.True(new FileInfo(edgegw).Length < 64L * 1024 * 1024,
            string.Create(CultureInfo.InvariantCulture, $"edgegw is {new FileInfo(edgegw).Length / 1048576.0:0.0} MiB"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>e_machine of an ELF file (offset 18, little-endian): 183 is AArch64.</summary>
    private const int ElfMachineAarch64 = 183;

    private static int ElfMachine(string path)
    {
        Span<byte> header = stackalloc byte[20];
        using var file = File.OpenRead(path);
        file.ReadExactly(header);
        Assert.True(header[..4].SequenceEqual("\u007fELF"u8), $"{path} is not an ELF executable");
        return header[18] | (header[19] << 8);
    }

    [GeneratedRegex(@"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")]
    private static partial Regex NeededLibrary();

    [GeneratedRegex(@"GLIBC_(\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex GlibcVersion();
}

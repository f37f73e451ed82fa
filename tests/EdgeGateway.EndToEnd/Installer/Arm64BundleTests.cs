using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.EndToEnd.Installer;

/// <summary>
/// The bundle a Pi actually gets: `gatewayctl bundle --rid linux-arm64` cross-compiles edgegw with Native AOT on
/// this x64 machine, and the result runs here under qemu's user-mode arm64 emulation. It starts the simulated
/// gateway, scans the emulated beacons, stores them in LiteDB, serves its page, and stops cleanly on SIGTERM,
/// so an arm64-only fault (linking, trimming, a missing native library) fails here and not on a shop's wall.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class Arm64BundleTests : IAsyncLifetime
{
    private const string MetricsToken = "arm64-bundle-metrics-token-0123456789";
    private readonly string _root = Directory.CreateTempSubdirectory("egw-arm64-").FullName;
    private readonly int _pagePort = FreePort.Next();
    private readonly StringBuilder _output = new();
    private Process? _gateway;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Arm64_bundle_cross_compiled_here_runs_the_simulated_gateway_under_qemu()
    {
        ExternalProgram.Clang.Require();
        ExternalProgram.Arm64CrossToolchain.Require();
        var qemu = ExternalProgram.QemuAarch64.Require();

        var bundle = Path.Combine(_root, "bundle");
        var built = await ProgramRun.RunAsync(Path.Combine(AppContext.BaseDirectory, "gatewayctl"),
            ["bundle", "--rid", "linux-arm64", "--out", bundle, "--source", TestArtifacts.RepositoryRoot()], Ct);
        Assert.True(built.Exit == 0, built.Output);
        Assert.Contains("Native AOT", built.Output, StringComparison.Ordinal);
        var edgegw = Path.Combine(bundle, "edgegw");
        Assert.Equal(ElfMachineAarch64, ElfMachine(edgegw));

        Start(qemu, ["-L", "/usr/aarch64-linux-gnu", edgegw, "run", "--simulate",
            "--set", $"Gateway:DataDirectory={Path.Combine(_root, "var")}", "--set", $"Diagnostics:Port={_pagePort}",
            "--set", $"Diagnostics:MetricsToken={MetricsToken}", "--set", "Scanning:SimulatedBeacons=20"]);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_pagePort}"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsToken);
        var reports = await WaitForAsync(async () => Metric(await http.GetStringAsync("/metrics", Ct), "edgegw_radio_reports_total") > 0,
            TimeSpan.FromMinutes(3));
        Assert.True(reports, $"no scanned report within 3 minutes; gateway output:\n{Output()}");
        var health = await http.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"status\":\"ok\"", await health.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        PosixSignal.Send(_gateway!.Id, PosixSignal.Terminate);
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        grace.CancelAfter(TimeSpan.FromSeconds(60));
        await _gateway.WaitForExitAsync(grace.Token);
        Assert.True(_gateway.ExitCode == 0, $"exit {_gateway.ExitCode}; output:\n{Output()}");
        Assert.True(File.Exists(Path.Combine(_root, "var", "outbox.db")), $"no outbox database; output:\n{Output()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is { HasExited: false })
        {
            _gateway.Kill(entireProcessTree: true);
            await _gateway.WaitForExitAsync(CancellationToken.None);
        }

        _gateway?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

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

    private static long Metric(string text, string name) =>
        text.Split('\n').Select(line => line.Split(' ')).Where(parts => parts.Length == 2 && parts[0] == name)
            .Select(parts => (long)double.Parse(parts[1], CultureInfo.InvariantCulture)).FirstOrDefault();

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: under emulation the start takes seconds.
            }
            catch (TaskCanceledException) when (!Ct.IsCancellationRequested)
            {
                // A slow answer under emulation; ask again.
            }

            await Task.Delay(500, Ct);
        }

        return false;
    }

    private void Start(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _gateway = new Process { StartInfo = start };
        _gateway.OutputDataReceived += (_, e) => Append(e.Data);
        _gateway.ErrorDataReceived += (_, e) => Append(e.Data);
        _gateway.Start();
        _gateway.BeginOutputReadLine();
        _gateway.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}

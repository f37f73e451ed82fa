using System.Diagnostics;

namespace EdgeGateway.Installer.Bundling;

/// <summary>
/// Builds the flashable bundle: `edgegw` compiled for the target runtime (Native AOT by default, else a trimmed
/// self-contained single file for the JIT), plus the on-device files from firmware/image, the README, and a
/// SHA-256 manifest.
/// </summary>
public sealed class BundleBuilder(TextWriter progress, NativeAotToolchain? toolchain = null)
{
    private static readonly string[] SupportedRuntimes = ["linux-arm64", "linux-arm", "linux-x64"];

    /// <param name="Runtime">Null: Native AOT where it is supported for the target, else the JIT.</param>
    /// <param name="ReadyToRun">JIT only: precompile so the gateway starts faster.</param>
    public sealed record Request(string SourceRoot, string RuntimeIdentifier, string OutputDirectory, bool ReadyToRun = true, BundleRuntime? Runtime = null);

    /// <summary>The runtime a bundle gets when the installer does not choose one.</summary>
    public static BundleRuntime DefaultRuntime(string runtimeIdentifier) =>
        NativeAotToolchain.Supports(runtimeIdentifier) ? BundleRuntime.NativeAot : BundleRuntime.Jit;

    public async Task<string> BuildAsync(Request request, CancellationToken cancellationToken)
    {
        if (!SupportedRuntimes.Contains(request.RuntimeIdentifier))
        {
            throw new ArgumentException($"--rid '{request.RuntimeIdentifier}' is not supported; use one of {string.Join(", ", SupportedRuntimes)}");
        }

        var project = Path.Combine(request.SourceRoot, "edge", "EdgeGateway.Edge", "EdgeGateway.Edge.csproj");
        var image = Path.Combine(request.SourceRoot, "firmware", "image");
        if (!File.Exists(project) || !Directory.Exists(image))
        {
            throw new DirectoryNotFoundException($"{request.SourceRoot} is not an EdgeGateway source tree (use --source)");
        }

        var output = Path.GetFullPath(request.OutputDirectory);
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            throw new InvalidOperationException($"{output} is not empty; choose a new --out directory");
        }

        var runtime = request.Runtime ?? DefaultRuntime(request.RuntimeIdentifier);
        if (runtime == BundleRuntime.NativeAot && !request.ReadyToRun)
        {
            throw new ArgumentException("--no-ready-to-run applies to --runtime jit only (Native AOT is always compiled ahead of time)");
        }

        var (arguments, description) = runtime == BundleRuntime.NativeAot
            ? ((toolchain ?? NativeAotToolchain.OfThisMachine()).PublishArguments(request.RuntimeIdentifier), "Native AOT")
            : ((IReadOnlyList<string>)["--self-contained", "-p:PublishSingleFile=true", "-p:PublishTrimmed=true",
                  $"-p:PublishReadyToRun={(request.ReadyToRun ? "true" : "false")}"],
               $"JIT, trimmed single file{(request.ReadyToRun ? ", ReadyToRun" : "")}");
        var publish = Directory.CreateTempSubdirectory("edgegw-publish-").FullName;
        try
        {
            await progress.WriteLineAsync($"[1/3] publishing edgegw for {request.RuntimeIdentifier} ({description}; takes minutes)…");
            await RunDotnetPublishAsync(project, request.RuntimeIdentifier, arguments, publish, cancellationToken);

            await progress.WriteLineAsync("[2/3] collecting on-device files…");
            Directory.CreateDirectory(output);
            CopyFile(Path.Combine(publish, "edgegw"), output, executable: true);
            foreach (var native in Directory.GetFiles(publish, "*.so"))
            {
                CopyFile(native, output, executable: false);
            }

            CopyFile(Path.Combine(image, "systemd", "edgegw.service"), output);
            CopyFile(Path.Combine(image, "systemd", "edgegw-firstboot.service"), output);
            CopyFile(Path.Combine(image, "libexec", "edgegw-firstboot"), output, executable: true);
            CopyFile(Path.Combine(image, "udev", "99-edgegw-pn532.rules"), output);
            CopyFile(Path.Combine(image, "boot", "config.txt.edgegw"), output);
            CopyFile(Path.Combine(request.SourceRoot, "README.md"), output);

            await progress.WriteLineAsync("[3/3] writing manifest.sha256…");
            BundleManifest.Write(output);
            var size = new FileInfo(Path.Combine(output, "edgegw")).Length;
            await progress.WriteLineAsync($"bundle ready: {output} (edgegw {size / (1024.0 * 1024):0.0} MiB)");
            return output;
        }
        finally
        {
            Directory.Delete(publish, recursive: true);
        }
    }

    private async Task RunDotnetPublishAsync(
        string project, string runtimeIdentifier, IReadOnlyList<string> runtimeArguments, string publish, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["publish", project, "-c", "Release", "-r", runtimeIdentifier, .. runtimeArguments,
                     "-p:DebugType=none", "-p:StripSymbols=true", "-o", publish, "-nologo", "-clp:ErrorsOnly"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start `dotnet publish`");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        while (!process.WaitForExit(TimeSpan.FromSeconds(15)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await progress.WriteLineAsync($"      … still publishing ({stopwatch.Elapsed.TotalSeconds:0} s)");
        }

        if (process.ExitCode != 0)
        {
            var errors = (await stdout + await stderr).Trim();
            throw new InvalidOperationException($"`dotnet publish` failed with exit code {process.ExitCode}: {errors}");
        }
    }

    private static void CopyFile(string source, string directory, bool executable = false)
    {
        var target = Path.Combine(directory, Path.GetFileName(source));
        File.Copy(source, target, overwrite: false);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (executable)
        {
            mode |= UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        }

        File.SetUnixFileMode(target, mode);
    }
}

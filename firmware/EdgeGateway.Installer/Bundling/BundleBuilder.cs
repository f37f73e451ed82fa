using System.Diagnostics;

namespace EdgeGateway.Installer.Bundling;

/// <summary>
/// Builds the flashable bundle: `edgegw` published self-contained, single-file, ReadyToRun for the
/// target runtime, plus the on-device files from firmware/image, the README, and a SHA-256 manifest.
/// </summary>
public sealed class BundleBuilder(TextWriter progress)
{
    private static readonly string[] SupportedRuntimes = ["linux-arm64", "linux-arm", "linux-x64"];

    public sealed record Request(string SourceRoot, string RuntimeIdentifier, string OutputDirectory, bool ReadyToRun = true);

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

        var publish = Directory.CreateTempSubdirectory("edgegw-publish-").FullName;
        try
        {
            await progress.WriteLineAsync($"[1/3] publishing edgegw for {request.RuntimeIdentifier} (self-contained, single file{(request.ReadyToRun ? ", ReadyToRun" : "")})…");
            await RunDotnetPublishAsync(project, request, publish, cancellationToken);

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

    private async Task RunDotnetPublishAsync(string project, Request request, string publish, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["publish", project, "-c", "Release", "-r", request.RuntimeIdentifier, "--self-contained",
                     "-p:PublishSingleFile=true", $"-p:PublishReadyToRun={(request.ReadyToRun ? "true" : "false")}",
                     "-p:DebugType=none", "-o", publish, "-nologo", "-clp:ErrorsOnly"])
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

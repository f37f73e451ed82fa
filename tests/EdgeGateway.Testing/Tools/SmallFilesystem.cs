using System.Diagnostics;
using Xunit;

namespace EdgeGateway.Testing.Tools;

/// <summary>
/// A real, tiny filesystem (tmpfs with a byte limit) mounted on a private directory, so a test can fill a
/// disk to the last byte and free it again. Needs root (CI runs as root); elsewhere the test is skipped, and
/// under CI=true it fails, like the other external programs.
/// </summary>
public sealed class SmallFilesystem : IDisposable
{
    private SmallFilesystem(string directory) => Directory = directory;

    public string Directory { get; }

    public static SmallFilesystem Mount(long bytes)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("egw-smallfs-").FullName;
        var (exit, error) = Run("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", directory);
        if (exit == 0)
        {
            return new SmallFilesystem(directory);
        }

        System.IO.Directory.Delete(directory);
        var why = $"cannot mount a {bytes}-byte tmpfs (needs root): {error.Trim()}";
        if (ExternalProgram.IsCi)
        {
            Assert.Fail(why);
        }

        Assert.Skip(why);
        return null!;
    }

    /// <summary>Takes all but <paramref name="leaveFree"/> bytes with a filler file that <see cref="Free"/> removes.</summary>
    public void FillLeaving(long leaveFree)
    {
        var free = new DriveInfo(Directory).AvailableFreeSpace;
        using var filler = new FileStream(FillerPath, FileMode.Create, FileAccess.Write);
        var block = new byte[4096];
        for (var written = 0L; written < free - leaveFree; written += block.Length)
        {
            filler.Write(block);
        }
    }

    public void Free() => File.Delete(FillerPath);

    private string FillerPath => Path.Combine(Directory, ".filler");

    public void Dispose()
    {
        Run("umount", "-l", Directory);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a lazily unmounted directory may linger a moment; temp space is reclaimed anyway
        }
    }

    private static (int Exit, string Error) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}

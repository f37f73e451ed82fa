using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;

namespace EdgeGateway.Installer.Flashing;

/// <summary>
/// An OS image to write: a raw `.img`, or one compressed as Raspberry Pi OS ships it (`.img.xz`, via the xz
/// program) or as pi-gen can leave it (`.img.gz`, `.zip` holding one `.img`). <see cref="Length"/> is the
/// uncompressed size when it can be known before reading, for the progress bar and the fits-on-card check.
/// </summary>
public sealed class ImageSource : IDisposable
{
    private static readonly string[] XzLocations = ["/usr/bin/xz", "/bin/xz", "/usr/local/bin/xz"];

    private readonly IDisposable[] _owned;

    private ImageSource(string path, Stream stream, long? length, params IDisposable[] owned)
    {
        Path = path;
        Stream = stream;
        Length = length;
        _owned = owned;
    }

    public string Path { get; }

    public Stream Stream { get; }

    public long? Length { get; }

    public static ImageSource Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"image {path} does not exist", path);
        }

        var file = File.OpenRead(path);
        try
        {
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                return new ImageSource(path, new GZipStream(file, CompressionMode.Decompress), GzipLength(file), file);
            }

            if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                var zip = new ZipArchive(file, ZipArchiveMode.Read);
                var images = zip.Entries.Where(e => e.FullName.EndsWith(".img", StringComparison.OrdinalIgnoreCase)).ToList();
                if (images.Count != 1)
                {
                    zip.Dispose();
                    throw new InvalidDataException($"{path} must hold exactly one .img file (it holds {images.Count})");
                }

                return new ImageSource(path, images[0].Open(), images[0].Length, zip, file);
            }

            if (path.EndsWith(".xz", StringComparison.OrdinalIgnoreCase))
            {
                file.Dispose();
                return OpenXz(path);
            }

            return new ImageSource(path, file, file.Length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    /// <summary>The gzip trailer holds the size modulo 4 GiB: trusted only when it is not below the compressed size.</summary>
    private static long? GzipLength(FileStream file)
    {
        if (file.Length < 18)
        {
            return null;
        }

        Span<byte> trailer = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Seek(0, SeekOrigin.Begin);
        var size = (long)BitConverter.ToUInt32(trailer);
        return size >= file.Length ? size : null;
    }

    private static ImageSource OpenXz(string path)
    {
        var xz = XzLocations.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{path} is xz-compressed and xz is not installed: sudo apt-get install -y xz-utils");
        var start = new ProcessStartInfo(xz) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--decompress");
        start.ArgumentList.Add("--stdout");
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(path);

        var process = Process.Start(start)!;
        return new ImageSource(path, new ExitCheckedStream(process), XzLength(xz, path), process);
    }

    /// <summary>`xz --robot --list` prints a "totals" line whose fifth field is the uncompressed size.</summary>
    private static long? XzLength(string xz, string path)
    {
        var start = new ProcessStartInfo(xz) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--robot");
        start.ArgumentList.Add("--list");
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(path);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var totals = output.Split('\n').FirstOrDefault(l => l.StartsWith("totals\t", StringComparison.Ordinal))?.Split('\t');
        return totals is { Length: > 4 } && long.TryParse(totals[4], NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;
    }
}

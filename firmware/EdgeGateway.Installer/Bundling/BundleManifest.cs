using System.Security.Cryptography;
using System.Text;

namespace EdgeGateway.Installer.Bundling;

/// <summary>
/// manifest.sha256 in `sha256sum` format ("&lt;hex&gt;  &lt;name&gt;"), so a bundle can be checked on any Linux box
/// with `sha256sum -c manifest.sha256`, and by the image stage before it installs anything.
/// </summary>
public static class BundleManifest
{
    public const string FileName = "manifest.sha256";

    public static string Write(string directory)
    {
        var lines = new StringBuilder();
        foreach (var path in Directory.GetFiles(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name == FileName)
            {
                continue;
            }

            lines.Append(Hash(path)).Append("  ").Append(name).Append('\n');
        }

        var manifest = Path.Combine(directory, FileName);
        File.WriteAllText(manifest, lines.ToString());
        return manifest;
    }

    /// <summary>Names of files whose content no longer matches the manifest (or are missing).</summary>
    public static IReadOnlyList<string> Verify(string directory)
    {
        var mismatched = new List<string>();
        foreach (var line in File.ReadAllLines(Path.Combine(directory, FileName)))
        {
            var separator = line.IndexOf("  ", StringComparison.Ordinal);
            if (separator != 64)
            {
                mismatched.Add($"(malformed line) {line}");
                continue;
            }

            var name = line[(separator + 2)..];
            var path = Path.Combine(directory, name);
            if (!File.Exists(path) || Hash(path) != line[..separator])
            {
                mismatched.Add(name);
            }
        }

        return mismatched;
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

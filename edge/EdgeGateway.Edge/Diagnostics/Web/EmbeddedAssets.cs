using System.Collections.Frozen;

namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>
/// The page's HTML, CSS and JS, compiled into the binary: the shop may be offline and the gateway
/// is one file, so no CDN and no loose asset folder to lose.
/// </summary>
public sealed class EmbeddedAssets
{
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<string, byte[]> _files;

    public EmbeddedAssets()
    {
        var assembly = typeof(EmbeddedAssets).Assembly;
        const string prefix = "DiagnosticsAssets/";
        _files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[prefix.Length..], n => Read(assembly, n), StringComparer.Ordinal);
    }

    public IEnumerable<string> Names => _files.Keys;

    public bool TryGet(string name, out byte[] content, out string contentType)
    {
        contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        return _files.TryGetValue(name, out content!);
    }

    private static byte[] Read(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}

using System.Text.Json;

namespace EdgeGateway.Protocol.Tests.Schemas;

/// <summary>Finds docs/protocol from the test's output directory and loads its schemas.</summary>
public static class ProtocolDocs
{
    public static string Directory { get; } = Find();

    public static JsonElement LoadSchema(string fileName) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "schemas", fileName))).RootElement.Clone();

    public static IEnumerable<string> SchemaFiles() =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, "schemas"), "*.schema.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "protocol");
            if (File.Exists(Path.Combine(dir.FullName, "EdgeGateway.sln")) && System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"docs/protocol not found above {AppContext.BaseDirectory}");
    }
}

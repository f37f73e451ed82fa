using System.Text.Json;
using EdgeGateway.Edge.Hosting;

namespace EdgeGateway.Edge.BeaconConfig;

/// <summary>
/// Keeps <see cref="BeaconConfigState"/> in one JSON file, replaced atomically (write a temporary file, flush it to disk,
/// rename), so a power cut leaves either the old state or the new one. A corrupt file is set aside and counts as empty.
/// </summary>
public sealed class BeaconConfigStore(string path)
{
    public string Path { get; } = path;

    public BeaconConfigState Load()
    {
        if (!File.Exists(Path))
        {
            return new BeaconConfigState();
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(Path), EdgeJsonContext.Default.BeaconConfigState) ?? new BeaconConfigState();
        }
        catch (JsonException)
        {
            File.Move(Path, Path + ".corrupt", overwrite: true);
            return new BeaconConfigState();
        }
    }

    public void Save(BeaconConfigState state)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, state, EdgeJsonContext.Default.BeaconConfigState);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}

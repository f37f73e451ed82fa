using System.Globalization;
using System.Text.Json;
using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Edge.BeaconConfig;

/// <summary>
/// The Eddystone lock keys the gateway holds: a JSON object mapping a beacon id (as in heartbeats), a Bluetooth
/// address, or "*" (the fleet's default) to 32 hex digits. The file must be readable by its owner only (0600):
/// a file others can read is refused as a whole, with the reason, rather than used. Keys are read on each use
/// (an installer's edit takes effect without a restart) and never logged, shown or reported — only whether one exists.
/// </summary>
public sealed class BeaconLockKeys(string path)
{
    public const string Default = "*";

    public string Path { get; } = path;

    /// <summary>Why the file cannot be used right now (wrong mode, bad JSON, bad key), or null.</summary>
    public string? Problem()
    {
        Load(out var problem);
        return problem;
    }

    /// <summary>The key for this beacon: by id, then by address, then the default; null when none is configured.</summary>
    public byte[]? Find(string beaconId, BluetoothAddress address)
    {
        var keys = Load(out _);
        return keys.GetValueOrDefault(Normalise(beaconId)) ?? keys.GetValueOrDefault(address.ToString()) ?? keys.GetValueOrDefault(Default);
    }

    public bool Has(string beaconId) => Load(out _) is { } keys && (keys.ContainsKey(Normalise(beaconId)) || keys.ContainsKey(Default));

    /// <summary>Sets or replaces one key, creating the file with mode 0600 (the CLI's `beacon set --lock-key-file`).</summary>
    public void Save(string beaconId, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 16)
        {
            throw new ArgumentException("an Eddystone lock key is 16 bytes (32 hex digits)", nameof(key));
        }

        string? problem = null;
        var keys = File.Exists(Path) ? Load(out problem) : [];
        if (problem is not null)
        {
            throw new InvalidOperationException(problem);
        }

        keys[Normalise(beaconId)] = key;
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (id, value) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                writer.WriteString(id, Convert.ToHexStringLower(value));
            }

            writer.WriteEndObject();
        }

        File.Move(temporary, Path, overwrite: true);
    }

    private static string Normalise(string id) => BeaconKey.TryParse(id, out var key) ? key.ToString() : id.Trim().ToLowerInvariant();

    private Dictionary<string, byte[]> Load(out string? problem)
    {
        problem = null;
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (!File.Exists(Path))
        {
            return keys;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(Path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            problem = $"{Path} is readable by group or others (mode {Convert.ToString((int)File.GetUnixFileMode(Path), 8)}): run chmod 600 on it; its keys are not used until then";
            return keys;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = $"{Path} must hold a JSON object of beacon id to 32 hex digits";
                return keys;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                if (text is not { Length: 32 } || !text.All(char.IsAsciiHexDigit))
                {
                    // Name the entry, never its value: it may be a key with one digit wrong.
                    problem = string.Create(CultureInfo.InvariantCulture, $"{Path}: the key for '{property.Name}' is not 32 hex digits; that entry is ignored");
                    continue;
                }

                keys[property.Name == Default ? Default : Normalise(property.Name)] = Convert.FromHexString(text);
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            problem = $"{Path} cannot be read: {ex.Message}";
        }

        return keys;
    }
}

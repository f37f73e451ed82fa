using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace EdgeGateway.CloudBridge.Config;

/// <summary>
/// Reads the bridge's configuration: an optional JSON file, then environment variables
/// (`EDGEGW_BRIDGE_Mqtt__Host=...`), then `--set Key=Value` overrides. Unknown keys are errors,
/// so a typo never silently falls back to a default.
/// </summary>
internal static class BridgeConfiguration
{
    public const string EnvironmentPrefix = "EDGEGW_BRIDGE_";

    /// <summary>The bound options, or one line naming the offending key.</summary>
    public static (BridgeOptions? Options, string? Error) Load(
        string? jsonPath, IEnumerable<KeyValuePair<string, string?>> overrides)
    {
        var builder = new ConfigurationBuilder();
        if (jsonPath is not null)
        {
            var full = Path.GetFullPath(jsonPath);
            if (!File.Exists(full))
            {
                return (null, $"config: file '{jsonPath}' does not exist");
            }

            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddInMemoryCollection(overrides);

        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or JsonException)
        {
            return (null, $"config: '{jsonPath}' is not valid JSON: {OneLine(ex)}");
        }

        var unknown = UnknownKey(root);
        if (unknown is not null)
        {
            return (null, $"config: {unknown}");
        }

        var options = new BridgeOptions();
        try
        {
            root.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            return (null, $"config: {OneLine(ex)}");
        }

        var error = BridgeOptionsValidator.FirstError(options);
        return error is null ? (options, null) : (null, $"config: {error}");
    }

    /// <summary>The first key that names no option, as `Section:Key: unknown key (...)`; null when all are known.</summary>
    private static string? UnknownKey(IConfiguration root)
    {
        var sections = typeof(BridgeOptions).GetProperties().ToDictionary(p => p.Name, p => p.PropertyType, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root.AsEnumerable())
        {
            if (value is null)
            {
                continue;
            }

            var parts = key.Split(':');
            if (!sections.TryGetValue(parts[0], out var sectionType))
            {
                return $"{key}: unknown key (sections are {string.Join(", ", sections.Keys)})";
            }

            var names = sectionType.GetProperties().Select(p => p.Name).ToList();
            if (parts.Length < 2 || !names.Contains(parts[1], StringComparer.OrdinalIgnoreCase))
            {
                return $"{key}: unknown key ({parts[0]} has {string.Join(", ", names)})";
            }
        }

        return null;
    }

    private static string OneLine(Exception ex)
    {
        var message = ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message;
        return message.ReplaceLineEndings(" ");
    }
}

using System.Text.Json;

namespace EdgeGateway.EndToEnd.Connectors;

/// <summary>Reads an optional string property of a possibly-default element (FirstOrDefault over JSON arrays).</summary>
internal static class JsonElementExtensions
{
    public static string? GetPropertyOrDefault(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

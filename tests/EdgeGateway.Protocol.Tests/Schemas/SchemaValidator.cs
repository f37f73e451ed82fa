using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdgeGateway.Protocol.Tests.Schemas;

/// <summary>
/// Validates JSON against the subset of JSON Schema 2020-12 that docs/protocol/schemas uses: type, const,
/// enum, required, properties, additionalProperties (bool or schema), items, minItems, minimum, maximum,
/// minLength, maxLength, pattern, format date-time, local $ref (#/$defs/...). An unknown keyword is an
/// error, so the schemas cannot quietly use something this validator ignores. With
/// <see cref="DocumentedOnly"/>, a property the schema does not list is an error even where the schema
/// allows extra properties: the code must not emit anything the documentation does not describe.
/// </summary>
public sealed class SchemaValidator(JsonElement root, bool documentedOnly)
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description", "examples", "$defs"];

    public bool DocumentedOnly { get; } = documentedOnly;

    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Check(root, instance, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: not allowed");
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var k = keyword.Value;
            switch (keyword.Name)
            {
                case var a when Annotations.Contains(a):
                    break;
                case "$ref":
                    Check(Resolve(k.GetString()!), value, path, errors);
                    break;
                case "type":
                    var types = k.ValueKind == JsonValueKind.Array ? k.EnumerateArray().Select(t => t.GetString()!).ToList() : [k.GetString()!];
                    if (!types.Any(t => HasType(value, t)))
                    {
                        errors.Add($"{path}: expected {string.Join("|", types)}, got {value.ValueKind}");
                    }

                    break;
                case "const":
                    if (!JsonElement.DeepEquals(k, value))
                    {
                        errors.Add($"{path}: expected {k.GetRawText()}, got {value.GetRawText()}");
                    }

                    break;
                case "enum":
                    if (!k.EnumerateArray().Any(e => JsonElement.DeepEquals(e, value)))
                    {
                        errors.Add($"{path}: {value.GetRawText()} is not one of {k.GetRawText()}");
                    }

                    break;
                case "required":
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var name in k.EnumerateArray().Select(n => n.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                        {
                            errors.Add($"{path}: missing required '{name}'");
                        }
                    }

                    break;
                case "properties":
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in value.EnumerateObject())
                        {
                            if (k.TryGetProperty(property.Name, out var propertySchema))
                            {
                                Check(propertySchema, property.Value, $"{path}.{property.Name}", errors);
                            }
                            else if (DocumentedOnly && !schema.TryGetProperty("additionalProperties", out _))
                            {
                                errors.Add($"{path}: '{property.Name}' is not documented in the schema");
                            }
                        }
                    }

                    break;
                case "additionalProperties":
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        var listed = schema.TryGetProperty("properties", out var p) ? p : default;
                        foreach (var property in value.EnumerateObject())
                        {
                            if (listed.ValueKind != JsonValueKind.Object || !listed.TryGetProperty(property.Name, out _))
                            {
                                Check(k, property.Value, $"{path}.{property.Name}", errors);
                            }
                        }
                    }

                    break;
                case "items":
                    if (value.ValueKind == JsonValueKind.Array)
                    {
                        var i = 0;
                        foreach (var item in value.EnumerateArray())
                        {
                            Check(k, item, $"{path}[{i++}]", errors);
                        }
                    }

                    break;
                case "minItems":
                    if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() < k.GetInt32())
                    {
                        errors.Add($"{path}: fewer than {k.GetInt32()} items");
                    }

                    break;
                case "minimum":
                    if (value.ValueKind == JsonValueKind.Number && value.GetDouble() < k.GetDouble())
                    {
                        errors.Add($"{path}: {value.GetRawText()} is below {k.GetRawText()}");
                    }

                    break;
                case "maximum":
                    if (value.ValueKind == JsonValueKind.Number && value.GetDouble() > k.GetDouble())
                    {
                        errors.Add($"{path}: {value.GetRawText()} is above {k.GetRawText()}");
                    }

                    break;
                case "minLength":
                    if (value.ValueKind == JsonValueKind.String && value.GetString()!.Length < k.GetInt32())
                    {
                        errors.Add($"{path}: shorter than {k.GetInt32()}");
                    }

                    break;
                case "maxLength":
                    if (value.ValueKind == JsonValueKind.String && value.GetString()!.Length > k.GetInt32())
                    {
                        errors.Add($"{path}: longer than {k.GetInt32()}");
                    }

                    break;
                case "pattern":
                    if (value.ValueKind == JsonValueKind.String && !Regex.IsMatch(value.GetString()!, k.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
                    {
                        errors.Add($"{path}: '{value.GetString()}' does not match {k.GetString()}");
                    }

                    break;
                case "format":
                    if (k.GetString() == "date-time" && value.ValueKind == JsonValueKind.String &&
                        !DateTimeOffset.TryParseExact(value.GetString(), ["yyyy-MM-ddTHH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    {
                        errors.Add($"{path}: '{value.GetString()}' is not an RFC 3339 date-time");
                    }

                    break;
                default:
                    errors.Add($"{path}: schema keyword '{keyword.Name}' is not supported by this validator");
                    break;
            }
        }
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ => false,
    };

    private JsonElement Resolve(string reference)
    {
        const string prefix = "#/$defs/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new NotSupportedException($"$ref '{reference}': only local #/$defs/ references are supported");
        }

        return root.GetProperty("$defs").GetProperty(reference[prefix.Length..]);
    }
}

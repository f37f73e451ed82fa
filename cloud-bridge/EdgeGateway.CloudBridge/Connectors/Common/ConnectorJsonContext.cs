using System.Text.Json.Serialization;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>Source-generated JSON for queued <see cref="ConnectorEvent"/>s (the queue stores them as UTF-8 JSON).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConnectorEvent))]
internal sealed partial class ConnectorJsonContext : JsonSerializerContext;

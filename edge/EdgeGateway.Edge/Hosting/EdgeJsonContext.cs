using System.Text.Json.Serialization;
using EdgeGateway.Edge.BeaconConfig;
using EdgeGateway.Edge.Nfc;
using EdgeGateway.Edge.SelfTest;

namespace EdgeGateway.Edge.Hosting;

/// <summary>Source-generated JSON for the daemon's own command results (camelCase, enums as names).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(NfcWriteResult))]
[JsonSerializable(typeof(BeaconConfigState))]
[JsonSerializable(typeof(IReadOnlyList<SelfTestResult>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(bool))]
public sealed partial class EdgeJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;
using EdgeGateway.Protocol.Commands;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Envelopes;
using EdgeGateway.Protocol.Status;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Protocol.Serialization;

/// <summary>
/// Source-generated JSON for every payload of the contract: camelCase, nulls omitted, unknown fields
/// tolerated (a newer peer may add fields).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(UpEnvelope))]
[JsonSerializable(typeof(HeartbeatItem))]
[JsonSerializable(typeof(TagReadItem))]
[JsonSerializable(typeof(GatewayStatus))]
[JsonSerializable(typeof(DesiredConfig))]
[JsonSerializable(typeof(ReportedConfig))]
[JsonSerializable(typeof(CommandRequest))]
[JsonSerializable(typeof(CommandResult))]
[JsonSerializable(typeof(OutboxResendArgs))]
[JsonSerializable(typeof(OutboxResendResult))]
[JsonSerializable(typeof(WriteUrlArgs))]
[JsonSerializable(typeof(ShowCodeArgs))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;

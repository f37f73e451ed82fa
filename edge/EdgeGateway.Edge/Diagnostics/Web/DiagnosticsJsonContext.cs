using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeGateway.Edge.BeaconConfig;
using EdgeGateway.Edge.Diagnostics.Logs;
using EdgeGateway.Edge.Hosting;
using EdgeGateway.Edge.Nfc;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Edge.Scanning;
using EdgeGateway.Edge.SelfTest;
using EdgeGateway.Edge.Uplink;

namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>
/// Source-generated JSON for the diagnostic page's API, so the daemon needs no reflection (it ships AOT-compiled).
/// Web defaults as the page has always read them: camelCase names, nulls written (the script tests for null),
/// enums as their names, dictionary keys as they are.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(BeaconConfigFailure))]
[JsonSerializable(typeof(HealthSummary))]
[JsonSerializable(typeof(CsrfTokenResponse))]
[JsonSerializable(typeof(HealthReport[]))]
[JsonSerializable(typeof(LogLine))]
[JsonSerializable(typeof(IReadOnlyList<LogLine>))]
[JsonSerializable(typeof(IReadOnlyList<SelfTestResult>))]
[JsonSerializable(typeof(GatewayInfo))]
[JsonSerializable(typeof(RadioStatus))]
[JsonSerializable(typeof(NfcStatus))]
[JsonSerializable(typeof(BeaconConfigStatus))]
[JsonSerializable(typeof(BeaconSettingsReadBack))]
[JsonSerializable(typeof(UplinkStatus))]
[JsonSerializable(typeof(OutboxStatus))]
public sealed partial class DiagnosticsJsonContext : JsonSerializerContext;

using System.Text.Json;
using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Api;

/// <summary>GET /api/v1/connectors/: every enabled connector's status in the fleet API's list shape and snake_case names.</summary>
internal static class ConnectorStatusJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static object Body(IReadOnlyList<ConnectorStatus> all) =>
        new Dictionary<string, object?> { ["count"] = all.Count, ["next"] = null, ["previous"] = null, ["results"] = all };
}

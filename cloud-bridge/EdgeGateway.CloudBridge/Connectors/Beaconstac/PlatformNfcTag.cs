using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeGateway.CloudBridge.Connectors.Beaconstac;

/// <summary>The fields of a platform NFC tag the connector uses; <see cref="Meta"/> is kept whole so an update preserves it.</summary>
internal sealed record PlatformNfcTag(long Id, string Name, string Uid, long? Place, JsonObject Meta)
{
    public static PlatformNfcTag From(JsonElement e) => new(
        e.GetProperty("id").GetInt64(),
        PlatformBeacon.Str(e, "name") ?? "",
        PlatformBeacon.Str(e, "uid") ?? "",
        PlatformBeacon.Int64(e, "place"),
        e.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object ? JsonNode.Parse(meta.GetRawText())!.AsObject() : []);
}

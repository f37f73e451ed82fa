using System.Globalization;
using System.Text.Json;

namespace EdgeGateway.CloudBridge.Connectors.Beaconstac;

/// <summary>The fields of a platform beacon the connector uses.</summary>
internal sealed record PlatformBeacon(
    long Id, string Name, long? Place, string? Uuid, int? Major, int? Minor, string? SerialNumber,
    string? EddystoneNid, string? EddystoneBid, int? TxPower, int? AdvertisingInterval, int? Battery, int? Temperature)
{
    public static PlatformBeacon From(JsonElement e) => new(
        e.GetProperty("id").GetInt64(),
        Str(e, "name") ?? "",
        Int64(e, "place"),
        Str(e, "UUID"),
        Int(e, "major"),
        Int(e, "minor"),
        Str(e, "serial_number"),
        Str(e, "eddystone_nid"),
        Str(e, "eddystone_bid"),
        Int(e, "tx_power"),
        Int(e, "advertising_interval"),
        Int(e, "battery"),
        Int(e, "temperature"));

    internal static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    internal static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i
        : e.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.String && int.TryParse(s.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) ? p
        : null;

    internal static long? Int64(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var i) ? i : null;
}

namespace EdgeGateway.CloudBridge.Api;

/// <summary>
/// The resources of the fleet API. Field names are the JSON names, the PostgreSQL column names and
/// the LiteDB document keys at once, so one description drives parsing, SQL and in-memory queries.
/// </summary>
public static class FleetResources
{
    public static ResourceSchema Gateways { get; } = new(
        "gateways", "gateways", "gateway_id",
        ResourceField.Integer("id"),
        ResourceField.Text("gateway_id", search: true),
        ResourceField.Text("site", search: true),
        ResourceField.Boolean("online"),
        ResourceField.Integer("session"),
        ResourceField.Text("version", search: true),
        ResourceField.Time("last_birth"),
        ResourceField.Time("last_seen"),
        ResourceField.Integer("backlog"),
        ResourceField.Integer("shed"),
        ResourceField.Time("created"),
        ResourceField.Time("updated"));

    /// <summary>Beaconstac-style beacons; battery is millivolts, temperature °C, heartbeat the last time any gateway heard it.</summary>
    public static ResourceSchema Beacons { get; } = new(
        "beacons", "beacons", "-heartbeat",
        ResourceField.Integer("id"),
        ResourceField.Text("beacon_id", search: true),
        ResourceField.Text("site", search: true),
        ResourceField.Text("gateway", search: true),
        ResourceField.Text("address", search: true),
        ResourceField.Code("url", search: true),
        ResourceField.Text("frames"),
        ResourceField.Time("heartbeat"),
        ResourceField.Time("first_seen"),
        ResourceField.Integer("rssi"),
        ResourceField.Integer("battery"),
        ResourceField.Real("temperature"),
        ResourceField.Real("humidity"),
        ResourceField.Real("distance"),
        ResourceField.Integer("heartbeats"),
        ResourceField.Integer("tx_power"),
        ResourceField.Integer("advertising_interval"),
        ResourceField.Integer("desired_tx_power"),
        ResourceField.Integer("desired_advertising_interval"),
        ResourceField.Integer("desired_version"),
        ResourceField.Integer("reported_version"),
        ResourceField.Code("config_state"),
        ResourceField.Text("config_reason"),
        ResourceField.Time("created"),
        ResourceField.Time("updated"));

    public static ResourceSchema NfcTags { get; } = new(
        "nfc-tags", "nfc_tags", "-updated",
        ResourceField.Integer("id"),
        ResourceField.Text("uid", search: true),
        ResourceField.Code("tag_type", search: true),
        ResourceField.Text("site", search: true),
        ResourceField.Text("gateway", search: true),
        ResourceField.Code("url", search: true),
        ResourceField.Time("heartbeat"),
        ResourceField.Integer("counter"),
        ResourceField.Integer("taps"),
        ResourceField.Time("created"),
        ResourceField.Time("updated"));

    /// <summary>Sites (the seed's places): counts are computed from gateways, beacons and tags at query time.</summary>
    public static ResourceSchema Sites { get; } = new(
        "sites", "sites_view", "-updated",
        ResourceField.Integer("id"),
        ResourceField.Text("name", search: true),
        ResourceField.Integer("gateways"),
        ResourceField.Integer("gateways_online"),
        ResourceField.Integer("beacons"),
        ResourceField.Integer("nfc_tags"),
        ResourceField.Integer("desired_version"),
        ResourceField.Time("created"),
        ResourceField.Time("updated"));

    /// <summary>
    /// Per gateway and stream: high-water mark, open gaps (`from-to,...`) and counters of what arrived; the gateway's last
    /// appended seq at its birth (last_seq), items it no longer had when asked to resend (lost, lost_items) and gap repair requests.
    /// </summary>
    public static ResourceSchema Streams { get; } = new(
        "streams", "streams", "gateway_id",
        ResourceField.Integer("id"),
        ResourceField.Text("gateway_id", search: true),
        ResourceField.Code("stream", search: true),
        ResourceField.Integer("high_water"),
        ResourceField.Text("gaps"),
        ResourceField.Integer("open_gaps"),
        ResourceField.Integer("missing"),
        ResourceField.Integer("envelopes"),
        ResourceField.Integer("duplicates"),
        ResourceField.Integer("items"),
        ResourceField.Integer("last_seq"),
        ResourceField.Text("lost"),
        ResourceField.Integer("lost_items"),
        ResourceField.Time("repair_requested"),
        ResourceField.Integer("repair_requests"),
        ResourceField.Time("created"),
        ResourceField.Time("updated"));

    /// <summary>What each NFC tap's rule did: one row per tap (keyed by gateway/stream/seq), the issued code or URL, and the command sent back.</summary>
    public static ResourceSchema NfcActions { get; } = new(
        "nfc-actions", "nfc_actions", "-updated",
        ResourceField.Integer("id"),
        ResourceField.Text("tap_key", search: true),
        ResourceField.Text("rule", search: true),
        ResourceField.Code("action", search: true),
        ResourceField.Text("gateway_id", search: true),
        ResourceField.Text("site", search: true),
        ResourceField.Text("uid", search: true),
        ResourceField.Code("state", search: true),
        ResourceField.Integer("attempts"),
        ResourceField.Text("result", search: true),
        ResourceField.Text("detail"),
        ResourceField.Text("command_id"),
        ResourceField.Time("created"),
        ResourceField.Time("updated"));

    /// <summary>Visitor counts per site from the platforms that have them (the Wi-Fi platform's customer visits).</summary>
    public static ResourceSchema Footfall { get; } = new(
        "footfall", "site_footfall", "site",
        ResourceField.Integer("id"),
        ResourceField.Text("site", search: true),
        ResourceField.Code("platform", search: true),
        ResourceField.Text("venue", search: true),
        ResourceField.Integer("visits"),
        ResourceField.Text("window_from"),
        ResourceField.Text("window_to"),
        ResourceField.Time("updated"));

    public static IReadOnlyList<ResourceSchema> All { get; } = [Gateways, Beacons, NfcTags, Sites, Streams, NfcActions, Footfall];
}

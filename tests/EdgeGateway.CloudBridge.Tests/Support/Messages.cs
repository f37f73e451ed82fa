using EdgeGateway.CloudBridge.Ingest;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Status;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.CloudBridge.Tests.Support;

/// <summary>Builds validated ingest messages the way the parser would produce them.</summary>
public static class Messages
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    public static HeartbeatItem Heartbeat(string beaconId, int rssi = -60, DateTimeOffset? at = null, int? batteryMv = 3000, double? temperature = 21.5) => new()
    {
        BeaconId = beaconId,
        Reason = HeartbeatReasons.Periodic,
        At = at ?? T0,
        FirstSeen = T0.AddMinutes(-5),
        LastSeen = at ?? T0,
        Count = 10,
        RssiLast = rssi,
        BatteryMv = batteryMv,
        TemperatureC = temperature,
        Frames = ["ibeacon"],
    };

    public static IngestMessage Heartbeats(string gateway, long seq, params HeartbeatItem[] items) =>
        IngestMessage.Envelope(gateway, StreamNames.Heartbeats, seq, T0, items.Length, 0, items, []);

    public static IngestMessage Taps(string gateway, long seq, params TagReadItem[] items) =>
        IngestMessage.Envelope(gateway, StreamNames.Nfc, seq, T0, items.Length, 0, [], items);

    public static TagReadItem Tap(string uid, DateTimeOffset? at = null, long? counter = 7, string? url = "https://example.com/t") => new()
    {
        Uid = uid,
        TagType = "ntag213",
        At = at ?? T0,
        Counter = counter,
        Ndef = url is null ? [] : [new NdefRecordItem { Tnf = 1, Type = "U", Uri = url }],
    };

    public static IngestMessage Birth(string gateway, long session, string site = "shop-1") =>
        IngestMessage.ForStatus(gateway, new GatewayStatus { Online = true, Session = session, GatewayId = gateway, Site = site, SoftwareVersion = "0.1.0+abc", At = T0, Backlog = 3 });

    public static IngestMessage Will(string gateway, long session) =>
        IngestMessage.ForStatus(gateway, new GatewayStatus { Online = false, Session = session });

    public static IngestMessage Reported(string gateway, long version, string beaconId, string state, int? tx = null, int? interval = null) =>
        IngestMessage.ForReported(gateway, new ReportedConfig
        {
            Version = version,
            At = T0,
            Beacons = [new BeaconReported { BeaconId = beaconId, State = state, TxPowerDbm = tx, IntervalMs = interval }],
        });
}

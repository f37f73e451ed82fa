using System.Text.Json;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Benchmarks.Outbox;

/// <summary>Realistic heartbeat item JSON (an iBeacon with TLM-style battery and temperature), one per beacon.</summary>
internal static class HeartbeatSamples
{
    public static byte[][] ForBeacons(int beacons)
    {
        var at = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, beacons)
            .Select(i => JsonSerializer.SerializeToUtf8Bytes(
                new HeartbeatItem
                {
                    BeaconId = $"ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:{i}",
                    Reason = HeartbeatReasons.Periodic,
                    At = at,
                    Address = $"c4:7c:8d:6a:{i / 256:x2}:{i % 256:x2}",
                    Frames = ["ibeacon", "eddystone-tlm"],
                    FirstSeen = at.AddHours(-3),
                    LastSeen = at.AddSeconds(-1),
                    Count = 10_800 + i,
                    RssiLast = -70,
                    RssiSmoothed = -71.25,
                    MeasuredPower = -59,
                    DistanceM = 2.4,
                    BatteryMv = 2950,
                    TemperatureC = 21.5,
                },
                ProtocolJsonContext.Default.HeartbeatItem))
            .ToArray();
    }
}

using System.Text.Json;
using EdgeGateway.Protocol.Serialization;

namespace EdgeGateway.Fuzzing.Targets;

/// <summary>
/// The contract's JSON types through the source-generated context. The first byte picks the type; the gateway's
/// two inbound readers (desired config, command request) go through <see cref="ProtocolPayload.TryRead"/>, which
/// must never throw; the others may refuse only with <see cref="JsonException"/>.
/// </summary>
public sealed class ProtocolPayloadTarget : IFuzzTarget
{
    public string Name => "protocol-json";

    public IReadOnlyList<byte[]> Seeds { get; } =
    [
        Tagged(0, """{"v":1,"gatewayId":"gw-1","stream":"heartbeats","seq":7,"sentAt":"2026-11-24T04:00:00Z","items":[{"id":"ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2","rssi":-60}]}"""),
        Tagged(1, """{"id":"ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2","mac":"C4:7C:8D:6A:3E:12","firstSeen":"2026-11-24T04:00:00Z","lastSeen":"2026-11-24T04:00:01Z","rssi":-60,"batteryMv":2900,"temperatureC":21.5}"""),
        Tagged(2, """{"uid":"04112233445566","tagType":"ntag215","at":"2026-11-24T04:00:00Z","ndef":[{"tnf":1,"type":"U","uri":"https://example.com"}]}"""),
        Tagged(3, """{"v":1,"online":true,"session":"s1","softwareVersion":"0.1.0","site":"shop-1"}"""),
        Tagged(4, """{"protocolVersion":1,"version":3,"beacons":{"ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2":{"txPower":-4,"intervalMs":1000}}}"""),
        Tagged(5, """{"protocolVersion":1,"version":3,"applied":{}}"""),
        Tagged(6, """{"v":1,"id":"r-1","name":"selftest.run","args":{}}"""),
        Tagged(7, """{"v":1,"id":"r-1","ok":true,"result":{"checks":[]}}"""),
    ];

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var json = input[1..];
        var context = ProtocolJsonContext.Default;
        switch (input[0] % 8)
        {
            case 4:
                _ = ProtocolPayload.TryRead(json, context.DesiredConfig, d => d.ProtocolVersion, out _, out _);
                return;
            case 6:
                _ = ProtocolPayload.TryRead(json, context.CommandRequest, c => c.Version, out _, out _);
                return;
        }

        try
        {
            object? value = (input[0] % 8) switch
            {
                0 => JsonSerializer.Deserialize(json, context.UpEnvelope),
                1 => JsonSerializer.Deserialize(json, context.HeartbeatItem),
                2 => JsonSerializer.Deserialize(json, context.TagReadItem),
                3 => JsonSerializer.Deserialize(json, context.GatewayStatus),
                5 => JsonSerializer.Deserialize(json, context.ReportedConfig),
                _ => JsonSerializer.Deserialize(json, context.CommandResult),
            };
            _ = value;
        }
        catch (JsonException)
        {
        }
    }

    private static byte[] Tagged(byte type, string json) => [type, .. System.Text.Encoding.UTF8.GetBytes(json)];
}

using System.Buffers;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Ingest;

namespace EdgeGateway.Fuzzing.Targets;

/// <summary>
/// The bridge's MQTT ingest parser. The first byte picks one of the topics the bridge subscribes to (and one it
/// must refuse); the rest is the payload. The parser's contract is to never throw: bad input is a Rejected message.
/// </summary>
public sealed class BridgeMessageTarget : IFuzzTarget
{
    private static readonly string[] Topics =
    [
        "gw/v1/gw-1/up/heartbeats",
        "gw/v1/gw-1/up/nfc",
        "gw/v1/gw-1/status",
        "gw/v1/gw-1/config/reported",
        "gw/v1/gw-1/up/events",
        "gw/v1/gw-1/cmd-result/r-1",
    ];

    // Created on first input: under AFL++ the bridge is instrumented and must not run before the fork server is up.
    private MessageParser? _parser;

    public string Name => "bridge-message";

    public IReadOnlyList<byte[]> Seeds { get; } =
    [
        Tagged(0, """{"v":1,"gatewayId":"gw-1","stream":"heartbeats","seq":7,"sentAt":"2026-11-24T04:00:00Z","items":[{"id":"ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2","mac":"C4:7C:8D:6A:3E:12","firstSeen":"2026-11-24T04:00:00Z","lastSeen":"2026-11-24T04:00:01Z","rssi":-60}]}"""),
        Tagged(1, """{"v":1,"gatewayId":"gw-1","stream":"nfc","seq":1,"sentAt":"2026-11-24T04:00:00Z","items":[{"uid":"04112233445566","tagType":"ntag215","at":"2026-11-24T04:00:00Z","ndef":[]}]}"""),
        Tagged(2, """{"v":1,"online":true,"session":"s1","softwareVersion":"0.1.0","site":"shop-1"}"""),
        Tagged(2, """{"v":1,"online":false,"session":"s0"}"""),
        Tagged(3, """{"protocolVersion":1,"version":3,"applied":{}}"""),
        Tagged(4, """{"v":1,"gatewayId":"gw-1","stream":"events","seq":9223372036854775807,"sentAt":"2026-11-24T04:00:00Z","items":[{}]}"""),
    ];

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        _parser ??= new MessageParser(new IngestOptions());
        _ = _parser.Parse(Topics[input[0] % Topics.Length], new ReadOnlySequence<byte>(input[1..].ToArray()));
    }

    private static byte[] Tagged(byte topic, string json) => [topic, .. System.Text.Encoding.UTF8.GetBytes(json)];
}

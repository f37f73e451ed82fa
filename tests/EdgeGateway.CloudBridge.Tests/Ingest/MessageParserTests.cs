using System.Buffers;
using System.Text;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Ingest;

namespace EdgeGateway.CloudBridge.Tests.Ingest;

public sealed class MessageParserTests
{
    private static readonly MessageParser Parser = new(new IngestOptions { MaxItemsPerEnvelope = 3 });

    private static IngestMessage Parse(string topic, string json) => Parser.Parse(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)));

    private const string MinimalHeartbeat = """{"beaconId":"b-1","reason":"new","at":"2026-01-31T12:00:00Z","firstSeen":"2026-01-31T12:00:00Z","lastSeen":"2026-01-31T12:00:00Z","count":1,"rssiLast":-70}""";

    [Fact]
    public void A_heartbeat_with_only_the_required_fields_is_accepted_with_empty_lists()
    {
        var message = Parse("gw/v1/gw-1/up/heartbeats", $$"""{"v":1,"gatewayId":"gw-1","stream":"heartbeats","seq":7,"sentAt":"2026-01-31T12:00:01Z","items":[{{MinimalHeartbeat}}],"future":true}""");

        Assert.Equal(IngestKind.Envelope, message.Kind);
        Assert.Equal((7L, 1, 0), (message.Seq, message.ItemCount, message.BadItems));
        Assert.Empty(message.Heartbeats[0].Frames);
    }

    [Fact]
    public void A_tag_read_without_ndef_records_is_accepted_with_an_empty_list()
    {
        var message = Parse("gw/v1/gw-1/up/nfc", """{"v":1,"gatewayId":"gw-1","stream":"nfc","seq":1,"sentAt":"2026-01-31T12:00:01Z","items":[{"uid":"04a1b2c3d4e5f6","tagType":"ntag213","at":"2026-01-31T12:00:00Z"}]}""");

        Assert.Empty(Assert.Single(message.Taps).Ndef);
    }

    [Theory]
    [InlineData("gw/v1/gw-1/up/heartbeats", """{"v":1,"gatewayId":"gw-1","stream":"heartbeats","seq":0,"sentAt":"2026-01-31T12:00:01Z","items":[{}]}""", "bad-seq")]
    [InlineData("gw/v1/gw-1/up/heartbeats", """{"v":1,"gatewayId":"gw-1","stream":"heartbeats","seq":1,"sentAt":"2026-01-31T12:00:01Z","items":[]}""", "bad-item-count")]
    [InlineData("gw/v1/gw-1/up/heartbeats", """{"v":1,"gatewayId":"gw-1","stream":"heartbeats","seq":1,"sentAt":"2026-01-31T12:00:01Z","items":[1,2,3,4]}""", "bad-item-count")]
    [InlineData("gw/v1/gw-1/up/heartbeats", """{"v":1,"gatewayId":"gw-1","stream":"nfc","seq":1,"sentAt":"2026-01-31T12:00:01Z","items":[{}]}""", "stream-mismatch")]
    [InlineData("gw/v1/gw-1/up/heartbeats", "null", "bad-json")]
    [InlineData("gw/v1/gw+1/up/heartbeats", "{}", "bad-topic")]
    [InlineData("gw/v1/gw-1/cmd/abc", "{}", "bad-topic")]
    [InlineData("gw/v2/gw-1/status", "{}", "bad-topic")]
    [InlineData("gw/v1/gw-1/status", "", "empty")]
    [InlineData("gw/v1/gw-1/status", """{"v":1,"online":true,"session":-1}""", "bad-session")]
    [InlineData("gw/v1/gw-1/config/reported", """{"v":1,"version":1,"at":"2026-01-31T12:00:00Z","beacons":[{"beaconId":"","state":"applied"}]}""", "bad-item")]
    public void Bad_messages_are_rejected_with_a_specific_reason(string topic, string json, string reason)
    {
        var message = Parse(topic, json);

        Assert.Equal(IngestKind.Rejected, message.Kind);
        Assert.Equal(reason, message.RejectReason);
        Assert.NotEmpty(message.RejectDetail);
    }

    [Fact]
    public void Invalid_items_are_dropped_and_counted_while_the_envelope_keeps_its_sequence_number()
    {
        var message = Parse("gw/v1/gw-1/up/heartbeats", $$"""{"v":1,"gatewayId":"gw-1","stream":"heartbeats","seq":3,"sentAt":"2026-01-31T12:00:01Z","items":[{{MinimalHeartbeat}},{"beaconId":"x"},"text"]}""");

        Assert.Equal((IngestKind.Envelope, 1, 2), (message.Kind, message.ItemCount, message.BadItems));
    }

    [Fact]
    public void Each_valid_item_keeps_its_own_sequence_number_and_the_envelope_covers_all_its_items()
    {
        var message = Parse("gw/v1/gw-1/up/heartbeats", $$"""{"v":1,"gatewayId":"gw-1","stream":"heartbeats","seq":3,"sentAt":"2026-01-31T12:00:01Z","items":["text",{{MinimalHeartbeat}},{{MinimalHeartbeat}}]}""");

        Assert.Equal((3L, 5L), (message.Seq, message.LastSeq));
        Assert.Equal([4L, 5L], Enumerable.Range(0, message.ItemCount).Select(message.ItemSeq));
        var tail = message.Keep([(5L, 5L)]);
        Assert.Equal((1, 0, 5L), (tail.ItemCount, tail.BadItems, tail.ItemSeq(0)));
    }

    [Fact]
    public void An_envelope_whose_item_numbers_would_overflow_is_rejected()
    {
        var message = Parse("gw/v1/gw-1/up/heartbeats", $$"""{"v":1,"gatewayId":"gw-1","stream":"heartbeats","seq":{{long.MaxValue}},"sentAt":"2026-01-31T12:00:01Z","items":[{{MinimalHeartbeat}}]}""");

        Assert.Equal(("bad-seq", IngestKind.Rejected), (message.RejectReason, message.Kind));
    }
}

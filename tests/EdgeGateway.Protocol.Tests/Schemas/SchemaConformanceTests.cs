using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EdgeGateway.Protocol.Commands;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Envelopes;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Status;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Protocol.Tests.Schemas;

/// <summary>
/// docs/protocol and the code cannot drift: real payloads serialized by the contract's types (and the
/// uplink's envelope writer) must validate against the documented schemas, every field of every type must
/// be documented, and every documented example must be valid.
/// </summary>
public class SchemaConformanceTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 2, 0, 0, 123, TimeSpan.Zero);

    public static TheoryData<string> Schemas() => [.. ProtocolDocs.SchemaFiles()];

    public static TheoryData<string, Type> SchemaOfType() => new()
    {
        { "gateway-status.schema.json", typeof(GatewayStatus) },
        { "heartbeat-item.schema.json", typeof(HeartbeatItem) },
        { "tag-read-item.schema.json", typeof(TagReadItem) },
        { "desired-config.schema.json", typeof(DesiredConfig) },
        { "reported-config.schema.json", typeof(ReportedConfig) },
        { "command-request.schema.json", typeof(CommandRequest) },
        { "command-result.schema.json", typeof(CommandResult) },
        { "up-envelope.schema.json", typeof(UpEnvelope) },
        { "outbox-resend-args.schema.json", typeof(OutboxResendArgs) },
        { "outbox-resend-result.schema.json", typeof(OutboxResendResult) },
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Every_documented_example_is_valid(string schemaFile)
    {
        var schema = ProtocolDocs.LoadSchema(schemaFile);
        var examples = schema.GetProperty("examples").EnumerateArray().ToList();

        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            AssertValid(schemaFile, example);
        }
    }

    [Theory]
    [MemberData(nameof(SchemaOfType))]
    public void Every_field_of_the_type_is_documented_in_its_schema(string schemaFile, Type type)
    {
        var properties = ProtocolDocs.LoadSchema(schemaFile).GetProperty("properties");
        var info = ProtocolJsonContext.Default.GetTypeInfo(type)!;

        var undocumented = info.Properties.Select(p => p.Name).Where(name => !properties.TryGetProperty(name, out _)).ToList();

        Assert.Empty(undocumented);
    }

    [Fact]
    public void The_asyncapi_document_references_every_schema_and_topic()
    {
        var asyncApi = File.ReadAllText(Path.Combine(ProtocolDocs.Directory, "asyncapi.yaml"));

        Assert.StartsWith("asyncapi: 3.", asyncApi, StringComparison.Ordinal);
        foreach (var schemaFile in ProtocolDocs.SchemaFiles())
        {
            Assert.Contains($"schemas/{schemaFile}", asyncApi, StringComparison.Ordinal);
        }

        foreach (var address in new[] { "status", "up/{stream}", "config/desired", "config/reported", "cmd/{requestId}", "cmd-result/{requestId}" })
        {
            Assert.Contains($"'gw/v1/{{gatewayId}}/{address}'", asyncApi, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_birth_and_a_last_will_as_serialized_are_valid()
    {
        AssertValid("gateway-status.schema.json", Serialize(
            new GatewayStatus
            {
                Online = true, Session = 1_795_917_600_000, GatewayId = "shop-0042", SoftwareVersion = "0.1.0+abc", Site = "berlin",
                At = At, Backlog = 12, Shed = new Dictionary<string, long> { ["heartbeats"] = 3 }, LastSeq = new Dictionary<string, long> { ["heartbeats"] = 1200 },
            },
            ProtocolJsonContext.Default.GatewayStatus));
        AssertValid("gateway-status.schema.json", Serialize(new GatewayStatus { Online = false, Session = 7 }, ProtocolJsonContext.Default.GatewayStatus));
    }

    [Fact]
    public void An_envelope_written_by_the_uplink_writer_is_valid_and_so_are_its_items()
    {
        var heartbeat = Serialize(FullHeartbeat(), ProtocolJsonContext.Default.HeartbeatItem);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            UpEnvelopeWriter.WriteStart(writer, "shop-0042", StreamNames.Heartbeats, 1001, At);
            writer.WriteRawValue(heartbeat.GetRawText());
            writer.WriteRawValue(heartbeat.GetRawText());
            UpEnvelopeWriter.WriteEnd(writer);
        }

        using var envelope = JsonDocument.Parse(buffer.WrittenMemory);
        AssertValid("up-envelope.schema.json", envelope.RootElement);
        foreach (var item in envelope.RootElement.GetProperty("items").EnumerateArray())
        {
            AssertValid("heartbeat-item.schema.json", item);
        }

        // The hand-written envelope and the source-generated type agree on every name.
        var roundTrip = JsonSerializer.Deserialize(buffer.WrittenSpan, ProtocolJsonContext.Default.UpEnvelope)!;
        Assert.Equal(1001, roundTrip.Seq);
        Assert.Equal(2, roundTrip.Items.Count);
        AssertValid("up-envelope.schema.json", Serialize(roundTrip, ProtocolJsonContext.Default.UpEnvelope));
    }

    [Fact]
    public void Stream_items_as_serialized_are_valid()
    {
        AssertValid("heartbeat-item.schema.json", Serialize(FullHeartbeat(), ProtocolJsonContext.Default.HeartbeatItem));
        AssertValid("heartbeat-item.schema.json", Serialize(
            new HeartbeatItem { BeaconId = "aa:bb:cc:dd:ee:ff", Reason = HeartbeatReasons.Lost, At = At, FirstSeen = At, LastSeen = At, Count = 0, RssiLast = -100 },
            ProtocolJsonContext.Default.HeartbeatItem));
        AssertValid("tag-read-item.schema.json", Serialize(
            new TagReadItem
            {
                Uid = "04a2241a2b5c80", TagType = "ntag213", At = At, Atqa = "0044", Sak = "00", Counter = 3, SignaturePresent = true, ReadMs = 12.5,
                Ndef =
                [
                    new NdefRecordItem { Tnf = 1, Type = "U", Uri = "https://example.com" },
                    new NdefRecordItem { Tnf = 1, Type = "T", Text = "hallo", Language = "de" },
                    new NdefRecordItem { Tnf = 2, Type = "application/octet-stream", PayloadHex = "00ff" },
                ],
            },
            ProtocolJsonContext.Default.TagReadItem));
    }

    [Fact]
    public void Config_and_commands_as_serialized_are_valid()
    {
        AssertValid("desired-config.schema.json", Serialize(
            new DesiredConfig { Version = 7, Beacons = [new BeaconDesired { BeaconId = "b1", TxPowerDbm = -8, IntervalMs = 1000 }] },
            ProtocolJsonContext.Default.DesiredConfig));
        AssertValid("reported-config.schema.json", Serialize(
            new ReportedConfig
            {
                Version = 7, At = At,
                Beacons =
                [
                    new BeaconReported { BeaconId = "b1", State = BeaconConfigStates.Rounded, TxPowerDbm = -7, IntervalMs = 1000, At = At },
                    new BeaconReported { BeaconId = "b2", State = BeaconConfigStates.Failed, Reason = "not-in-range" },
                ],
            },
            ProtocolJsonContext.Default.ReportedConfig));
        using var args = JsonDocument.Parse("""{"url":"https://example.com"}""");
        AssertValid("command-request.schema.json", Serialize(
            new CommandRequest { RequestId = "r-1", Name = "nfc.write-url", Args = args.RootElement.Clone(), ExpiresAt = At },
            ProtocolJsonContext.Default.CommandRequest));
        AssertValid("command-result.schema.json", Serialize(
            new CommandResult { RequestId = "r-1", Ok = false, Error = "no tag", At = At }, ProtocolJsonContext.Default.CommandResult));
        AssertValid("outbox-resend-args.schema.json", Serialize(
            new OutboxResendArgs { Stream = "heartbeats", FromSeq = 5, ToSeq = 9 }, ProtocolJsonContext.Default.OutboxResendArgs));
        AssertValid("outbox-resend-result.schema.json", Serialize(
            new OutboxResendResult { Stream = "heartbeats", Resent = [new SeqRange(7, 9)], Gone = [new SeqRange(5, 6)], Pending = new SeqRange(10, 12), NotAppended = new SeqRange(13, 20) },
            ProtocolJsonContext.Default.OutboxResendResult));
    }

    [Theory]
    [InlineData("""{"v":1,"online":true}""", "missing required 'session'")]
    [InlineData("""{"v":1,"online":"yes","session":1}""", "$.online: expected boolean")]
    [InlineData("""{"v":2,"online":true,"session":1}""", "$.v: expected 1")]
    [InlineData("""{"v":1,"online":true,"session":1,"mood":"happy"}""", "'mood' is not documented")]
    [InlineData("""{"v":1,"online":true,"session":1,"at":"yesterday"}""", "not an RFC 3339 date-time")]
    [InlineData("""{"v":1,"online":true,"session":1,"shed":{"heartbeats":-1}}""", "$.shed.heartbeats: -1 is below 0")]
    [InlineData("""{"v":1,"online":true,"session":1,"gatewayId":"a/b"}""", "does not match")]
    public void The_validator_catches_drift(string json, string expected)
    {
        using var doc = JsonDocument.Parse(json);

        var errors = new SchemaValidator(ProtocolDocs.LoadSchema("gateway-status.schema.json"), documentedOnly: true).Validate(doc.RootElement);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    private static HeartbeatItem FullHeartbeat() => new()
    {
        BeaconId = "ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:2", Reason = HeartbeatReasons.Changed, At = At, Address = "c4:7c:8d:6a:01:02",
        Frames = ["ibeacon", "eddystone-tlm"], FirstSeen = At.AddHours(-1), LastSeen = At, Count = 3600, RssiLast = -71, RssiSmoothed = -70.4,
        RssiMin = -90, RssiMax = -60, MeasuredPower = -59, DistanceM = 2.1, BatteryMv = 2950, TemperatureC = 21.5, HumidityPct = 40.5,
        Url = "https://example.com",
    };

    private static JsonElement Serialize<T>(T value, JsonTypeInfo<T> info) => JsonSerializer.SerializeToElement(value, info);

    private static void AssertValid(string schemaFile, JsonElement instance)
    {
        var errors = new SchemaValidator(ProtocolDocs.LoadSchema(schemaFile), documentedOnly: true).Validate(instance);
        Assert.True(errors.Count == 0, $"{schemaFile}:\n{string.Join("\n", errors)}\n{instance.GetRawText()}");
    }
}

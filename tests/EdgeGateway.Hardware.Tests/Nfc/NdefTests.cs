using EdgeGateway.Hardware.Nfc.Ndef;

namespace EdgeGateway.Hardware.Tests.Nfc;

public class NdefTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    [Fact]
    public void Parses_the_URI_record_from_the_NFC_Forum_URI_RTD_example()
    {
        // D1 01 0E 55 01 "nfc-forum.org": short well-known "U", prefix 0x01 = http://www.
        var message = NdefMessage.Parse(Hex("D1 01 0E 55 01 6E 66 63 2D 66 6F 72 75 6D 2E 6F 72 67"));

        var record = Assert.Single(message.Records);
        Assert.True(record.IsWellKnown('U'));
        Assert.Equal("http://www.nfc-forum.org", NdefUri.Decode(record.Payload));
    }

    [Fact]
    public void Every_URI_identifier_code_round_trips_and_picks_the_longest_prefix()
    {
        for (byte code = 0; code < NdefUri.PrefixCount; code++)
        {
            var uri = NdefUri.Prefix(code) + "example";
            var payload = NdefUri.Encode(uri);
            Assert.Equal(uri, NdefUri.Decode(payload));
        }

        Assert.Equal(0x02, NdefUri.Encode("https://www.shop.example")[0]);
        Assert.Equal(0x04, NdefUri.Encode("https://shop.example")[0]);
        Assert.Equal(0x20, NdefUri.Encode("urn:epc:pat:1")[0]);
    }

    [Fact]
    public void Text_records_decode_UTF8_and_UTF16_with_language()
    {
        // 02 "en" "Hello": the Text RTD's example layout.
        Assert.Equal(("Hello", "en"), NdefText.Decode(Hex("02 65 6E 48 65 6C 6C 6F")));
        Assert.Equal(("Grüße", "de-DE"), NdefText.Decode(NdefText.Encode("Grüße", "de-DE", utf16: true)));
        Assert.Equal(("Hi", "fr"), NdefText.Decode(Hex("82 66 72 FF FE 48 00 69 00")));
    }

    [Fact]
    public void Chunked_records_are_joined()
    {
        // First chunk: MB CF, type "T"; middle: CF, TNF unchanged; last: ME, TNF unchanged.
        var message = NdefMessage.Parse(Hex("B1 01 03 54 02 65 6E  36 00 02 48 69  56 00 01 21"));

        Assert.Equal(("Hi!", "en"), NdefText.Decode(Assert.Single(message.Records).Payload));
    }

    [Fact]
    public void Multi_record_messages_round_trip_including_long_payloads_and_ids()
    {
        var records = new[]
        {
            NdefRecord.CreateUri("https://shop.example/c/1"),
            new NdefRecord(NdefTypeNameFormat.MediaType, "text/plain"u8.ToArray(), "id1"u8.ToArray(), new byte[300]),
            NdefRecord.CreateText("hej", "sv"),
        };

        var parsed = NdefMessage.Parse(new NdefMessage(records).ToBytes());

        Assert.Equal(3, parsed.Records.Count);
        Assert.Equal("text/plain", parsed.Records[1].TypeText);
        Assert.Equal(300, parsed.Records[1].Payload.Length);
        Assert.Equal("id1"u8.ToArray(), parsed.Records[1].Id);
    }

    [Theory]
    [InlineData("D1 01 20 55 01 6E 66", NdefError.RecordPastEnd)]
    [InlineData("C1 01 FF FF FF FF 55 01", NdefError.RecordPastEnd)]
    [InlineData("51 01 01 55 00", NdefError.MessageBoundaries)]
    [InlineData("91 01 01 55 00", NdefError.MessageBoundaries)]
    [InlineData("D1 01 01 55 00 D1 01 01 55 00", NdefError.MessageBoundaries)]
    [InlineData("D0 01 00 55", NdefError.Header)]
    [InlineData("D7 01 00 55", NdefError.Header)]
    [InlineData("B1 01 01 54 02", NdefError.Chunking)]
    [InlineData("B1 01 01 54 02 51 01 01 54 00", NdefError.Chunking)]
    public void Malformed_messages_name_the_broken_rule(string hex, NdefError error)
    {
        var e = Assert.Throws<NdefFormatException>(() => NdefMessage.Parse(Hex(hex)));

        Assert.Equal(error, e.Error);
    }

    [Theory]
    [InlineData("D1 01 01 55 30", NdefError.Payload)]
    [InlineData("D1 01 03 55 04 C3 28", NdefError.Payload)]
    public void Bad_URI_payloads_are_payload_errors(string hex, NdefError error)
    {
        var record = NdefMessage.Parse(Hex(hex)).Records[0];

        Assert.Equal(error, Assert.Throws<NdefFormatException>(() => NdefUri.Decode(record.Payload)).Error);
    }

    [Fact]
    public void Text_with_a_language_length_past_the_payload_is_a_payload_error()
    {
        Assert.Equal(NdefError.Payload, Assert.Throws<NdefFormatException>(() => NdefText.Decode(Hex("3F 65 6E"))).Error);
    }

    [Fact]
    public void TLV_scan_skips_lock_and_memory_control_and_null_TLVs()
    {
        // NULL, Lock Control (3 bytes), Memory Control (3 bytes), NDEF (3 bytes), Terminator.
        var data = Hex("00 01 03 A0 10 44 02 03 00 00 00 03 03 D0 00 00 FE");

        var (offset, length) = NdefTlv.Find(data, 144, out var needed);

        Assert.Equal(0, needed);
        Assert.Equal((13, 3), (offset, length));
    }

    [Fact]
    public void TLV_with_a_three_byte_length_and_one_that_runs_past_the_tag()
    {
        var longTlv = NdefTlv.Wrap(new byte[300]);
        Assert.Equal(Hex("03 FF 01 2C"), longTlv[..4]);
        Assert.Equal((4, 300), NdefTlv.Find(longTlv, 888, out _));

        var e = Assert.Throws<NdefFormatException>(() => NdefTlv.Find(Hex("03 FF 01 2C"), 144, out _));
        Assert.Equal(NdefError.TlvPastEnd, e.Error);
    }

    [Fact]
    public void TLV_scan_asks_for_more_bytes_when_the_message_is_not_all_read()
    {
        var (_, _) = NdefTlv.Find(Hex("03 20 D1 01"), 144, out var needed);

        Assert.Equal(2 + 0x20, needed);
    }

    [Fact]
    public void Terminator_or_a_blank_area_means_no_message()
    {
        Assert.Equal(-1, NdefTlv.Find(Hex("FE 00 00 00"), 4, out _).Offset);
        Assert.Equal(-1, NdefTlv.Find(new byte[16], 16, out _).Offset);
        Assert.Empty(NdefMessage.Parse(Hex("D0 00 00")).Records);
    }
}

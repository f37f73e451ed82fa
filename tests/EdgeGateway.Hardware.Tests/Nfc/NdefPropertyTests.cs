using EdgeGateway.Hardware.Nfc.Ndef;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeGateway.Hardware.Tests.Nfc;

/// <summary>Bounded property tests: NDEF parsing of arbitrary tag memory fails only with NdefFormatException.</summary>
public class NdefPropertyTests
{
    private static readonly Config Bounded = Config.QuickThrowOnFailure.WithMaxTest(3000).WithEndSize(300);

    private static Arbitrary<byte[]> TagBytes()
    {
        var anyByte = Gen.Choose(0, 255).Select(b => (byte)b);
        // Mostly plausible headers so the parser gets past the first byte often.
        var header = Gen.Elements<byte>(0xD1, 0x91, 0x51, 0x11, 0xB1, 0x36, 0x56, 0xC1, 0xD9, 0x03, 0xFE, 0xFF);
        var piece = Gen.OneOf(anyByte.Select(b => new[] { b }), header.Select(b => new[] { b }),
            Gen.Elements<byte[]>([0x01, 0x01, 0x55], [0x01, 0x05, 0x54, 0x02], [0x03, 0xFF, 0x01, 0x00]));
        return Gen.ListOf(piece).Select(parts => parts.SelectMany(p => p).ToArray()).ToArbitrary();
    }

    [Fact]
    public void Message_parser_throws_nothing_but_NdefFormatException()
    {
        Check.One(Bounded, Prop.ForAll(TagBytes(), bytes =>
        {
            try
            {
                var message = NdefMessage.Parse(bytes);
                foreach (var record in message.Records)
                {
                    if (record.IsWellKnown('U'))
                    {
                        _ = NdefUri.Decode(record.Payload);
                    }
                    else if (record.IsWellKnown('T'))
                    {
                        _ = NdefText.Decode(record.Payload);
                    }
                }
            }
            catch (NdefFormatException)
            {
            }

            return true;
        }));
    }

    [Fact]
    public void TLV_scan_stays_inside_the_tag_and_throws_nothing_but_NdefFormatException()
    {
        Check.One(Bounded, Prop.ForAll(TagBytes(), bytes =>
        {
            try
            {
                var (offset, length) = NdefTlv.Find(bytes, bytes.Length, out var needed);
                return needed <= bytes.Length && (offset < 0 || offset + length <= bytes.Length);
            }
            catch (NdefFormatException)
            {
                return true;
            }
        }));
    }

    [Fact]
    public void Written_messages_parse_back_identically()
    {
        var text = ArbMap.Default.ArbFor<string>().Generator.Where(s => s is not null);
        Check.One(Bounded, Prop.ForAll(text.ToArbitrary(), ArbMap.Default.ArbFor<bool>(), (value, utf16) =>
        {
            var message = new NdefMessage([NdefRecord.CreateText(value, "en", utf16), NdefRecord.CreateUri("https://x.example/" + value)]);
            try
            {
                var parsed = NdefMessage.Parse(NdefTlv.Wrap(message.ToBytes()).AsSpan(message.EncodedLength < 0xFF ? 2 : 4, message.EncodedLength));
                return NdefText.Decode(parsed.Records[0].Payload) == (value, "en")
                    && NdefUri.Decode(parsed.Records[1].Payload) == "https://x.example/" + value;
            }
            catch (ArgumentException)
            {
                // Strings with lone surrogates are not encodable text.
                return true;
            }
        }));
    }
}

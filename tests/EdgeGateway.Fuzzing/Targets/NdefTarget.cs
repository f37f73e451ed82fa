using EdgeGateway.Edge.Nfc;
using EdgeGateway.Hardware.Nfc.Ndef;

namespace EdgeGateway.Fuzzing.Targets;

/// <summary>
/// A Type 2 tag's data area as the NTAG reader sees it: TLV search, NDEF message parse, then the record
/// decoding that turns a read into the contract's items. <see cref="NdefFormatException"/> is the documented
/// refusal; anything else is a bug.
/// </summary>
public sealed class NdefTarget : IFuzzTarget
{
    public string Name => "ndef";

    // Built on demand: under AFL++ the writers are instrumented and must not run before the fork server is up.
    public IReadOnlyList<byte[]> Seeds =>
    [
        NdefTlv.Wrap(new NdefMessage([NdefRecord.CreateUri("https://example.com/offer?id=42")]).ToBytes()),
        NdefTlv.Wrap(new NdefMessage([NdefRecord.CreateText("hello", "en"), NdefRecord.CreateUri("tel:+4412345")]).ToBytes()),
        NdefTlv.Wrap(new NdefMessage([NdefRecord.CreateText("grüße", "de", utf16: true)]).ToBytes()),
        NdefTlv.Wrap(NdefMessage.Empty.ToBytes()),
        .. Hex.All("0103A00C34" + "0310D1010C5502" + "6578616D706C652E636F6D" + "FE", "00000003" + "00" + "FE"),
    ];

    public void Run(ReadOnlySpan<byte> input)
    {
        try
        {
            var (offset, length) = NdefTlv.Find(input, input.Length, out _);
            var message = NdefMessage.Parse(offset < 0 ? input : input.Slice(offset, length));
            foreach (var record in message.Records)
            {
                _ = TagReadItemFactory.Record(record);
            }

            _ = message.ToBytes();
        }
        catch (NdefFormatException)
        {
        }
    }
}

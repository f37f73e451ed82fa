using EdgeGateway.Hardware.Nfc;
using EdgeGateway.Hardware.Nfc.Ndef;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Edge.Nfc;

/// <summary>Turns a tag snapshot into the contract's <see cref="TagReadItem"/>, decoding URI and Text records.</summary>
public static class TagReadItemFactory
{
    public static TagReadItem Create(NfcTagSnapshot snapshot, DateTimeOffset at, TimeSpan readDuration)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new TagReadItem
        {
            Uid = snapshot.UidHex,
            TagType = NfcTagIdentification.ContractName(snapshot.Kind),
            At = at,
            Atqa = snapshot.Atqa.ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
            Sak = snapshot.Sak.ToString("x2", System.Globalization.CultureInfo.InvariantCulture),
            Counter = snapshot.Counter,
            Ndef = [.. snapshot.Ndef.Records.Select(Record)],
            SignaturePresent = snapshot.SignaturePresent,
            ReadMs = Math.Round(readDuration.TotalMilliseconds, 3),
        };
    }

    public static NdefRecordItem Record(NdefRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var item = new NdefRecordItem { Tnf = (int)record.Tnf, Type = record.Type.Length > 0 ? record.TypeText : null };
        try
        {
            if (record.IsWellKnown('U'))
            {
                return item with { Uri = NdefUri.Decode(record.Payload) };
            }

            if (record.IsWellKnown('T'))
            {
                var (text, language) = NdefText.Decode(record.Payload);
                return item with { Text = text, Language = language };
            }
        }
        catch (NdefFormatException)
        {
            // Undecodable payloads still travel, raw, so nothing the tag held is lost.
        }

        return item with { PayloadHex = Convert.ToHexStringLower(record.Payload) };
    }
}

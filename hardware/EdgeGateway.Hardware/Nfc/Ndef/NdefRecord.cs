using System.Text;

namespace EdgeGateway.Hardware.Nfc.Ndef;

/// <summary>
/// One NDEF record (NFC Forum NDEF 1.0): TNF, type, optional id and payload. Chunked records are
/// joined on parse, so a record here is always whole; the wire flags (MB/ME/SR/IL) are derived on write.
/// </summary>
public sealed record NdefRecord(NdefTypeNameFormat Tnf, byte[] Type, byte[] Id, byte[] Payload)
{
    public const byte MessageBegin = 0x80;
    public const byte MessageEnd = 0x40;
    public const byte Chunk = 0x20;
    public const byte ShortRecord = 0x10;
    public const byte IdLengthPresent = 0x08;

    /// <summary>The record type as text ("U", "T", "text/plain", …).</summary>
    public string TypeText => Encoding.ASCII.GetString(Type);

    public bool IsWellKnown(char type) => Tnf == NdefTypeNameFormat.WellKnown && Type is [var t] && t == type;

    public static NdefRecord CreateUri(string uri) =>
        new(NdefTypeNameFormat.WellKnown, [(byte)'U'], [], NdefUri.Encode(uri));

    public static NdefRecord CreateText(string text, string language = "en", bool utf16 = false) =>
        new(NdefTypeNameFormat.WellKnown, [(byte)'T'], [], NdefText.Encode(text, language, utf16));

    /// <summary>Bytes this record takes on the wire (short-record form when the payload fits in 255 bytes).</summary>
    public int EncodedLength => 2 + (Payload.Length <= 255 ? 1 : 4) + (Id.Length > 0 ? 1 : 0) + Type.Length + Id.Length + Payload.Length;

    internal int Write(Span<byte> destination, bool first, bool last)
    {
        var shortRecord = Payload.Length <= 255;
        var header = (byte)Tnf;
        header |= first ? MessageBegin : (byte)0;
        header |= last ? MessageEnd : (byte)0;
        header |= shortRecord ? ShortRecord : (byte)0;
        header |= Id.Length > 0 ? IdLengthPresent : (byte)0;
        var pos = 0;
        destination[pos++] = header;
        destination[pos++] = (byte)Type.Length;
        if (shortRecord)
        {
            destination[pos++] = (byte)Payload.Length;
        }
        else
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(destination[pos..], Payload.Length);
            pos += 4;
        }

        if (Id.Length > 0)
        {
            destination[pos++] = (byte)Id.Length;
        }

        Type.CopyTo(destination[pos..]);
        pos += Type.Length;
        Id.CopyTo(destination[pos..]);
        pos += Id.Length;
        Payload.CopyTo(destination[pos..]);
        return pos + Payload.Length;
    }
}

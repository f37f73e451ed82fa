using System.Text;

namespace EdgeGateway.Hardware.Nfc.Ndef;

/// <summary>
/// The Text record type "T" (NFC Forum Text RTD 1.0): a status byte (bit 7 = UTF-16, bits 5-0 = length
/// of the IANA language code), the language code in ASCII, then the text in UTF-8 or UTF-16 (BOM
/// honoured, big-endian without one).
/// </summary>
public static class NdefText
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private static readonly UnicodeEncoding StrictUtf16Be = new(true, false, true);
    private static readonly UnicodeEncoding StrictUtf16Le = new(false, false, true);

    public static byte[] Encode(string text, string language, bool utf16)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(language);
        var lang = Encoding.ASCII.GetBytes(language);
        if (lang.Length > 63)
        {
            throw new ArgumentException("Language code is at most 63 characters.", nameof(language));
        }

        var body = utf16 ? StrictUtf16Be.GetBytes(text) : StrictUtf8.GetBytes(text);
        return [(byte)((utf16 ? 0x80 : 0x00) | lang.Length), .. lang, .. body];
    }

    public static (string Text, string Language) Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            throw new NdefFormatException(NdefError.Payload, "Text record with an empty payload (no status byte).");
        }

        var status = payload[0];
        var languageLength = status & 0x3F;
        if (1 + languageLength > payload.Length)
        {
            throw new NdefFormatException(NdefError.Payload,
                $"Text record language code of {languageLength} bytes runs past its {payload.Length}-byte payload.");
        }

        var language = Encoding.ASCII.GetString(payload.Slice(1, languageLength));
        var body = payload[(1 + languageLength)..];
        try
        {
            if ((status & 0x80) == 0)
            {
                return (StrictUtf8.GetString(body), language);
            }

            if (body.Length % 2 != 0)
            {
                throw new NdefFormatException(NdefError.Payload, "UTF-16 Text record has an odd number of bytes.");
            }

            if (body is [0xFF, 0xFE, ..])
            {
                return (StrictUtf16Le.GetString(body[2..]), language);
            }

            return body is [0xFE, 0xFF, ..] ? (StrictUtf16Be.GetString(body[2..]), language) : (StrictUtf16Be.GetString(body), language);
        }
        catch (DecoderFallbackException e)
        {
            throw new NdefFormatException(NdefError.Payload, $"Text record is not valid {((status & 0x80) == 0 ? "UTF-8" : "UTF-16")}: {e.Message}");
        }
    }
}

using System.Text;

namespace EdgeGateway.Hardware.Nfc.Ndef;

/// <summary>
/// The URI record type "U" (NFC Forum URI RTD 1.0): one identifier-code byte abbreviating a common
/// prefix, then the rest of the URI in UTF-8. All 36 codes (0x00-0x23) of the specification.
/// </summary>
public static class NdefUri
{
    private static readonly string[] Prefixes =
    [
        "", "http://www.", "https://www.", "http://", "https://", "tel:", "mailto:", "ftp://anonymous:anonymous@",
        "ftp://ftp.", "ftps://", "sftp://", "smb://", "nfs://", "ftp://", "dav://", "news:", "telnet://", "imap:",
        "rtsp://", "urn:", "pop:", "sip:", "sips:", "tftp:", "btspp://", "btl2cap://", "btgoep://", "tcpobex://",
        "irdaobex://", "file://", "urn:epc:id:", "urn:epc:tag:", "urn:epc:pat:", "urn:epc:raw:", "urn:epc:", "urn:nfc:",
    ];

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static int PrefixCount => Prefixes.Length;

    public static string Prefix(byte code) =>
        code < Prefixes.Length ? Prefixes[code] : throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown URI identifier code.");

    /// <summary>Payload for <paramref name="uri"/>, using the longest matching prefix.</summary>
    public static byte[] Encode(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        byte best = 0;
        for (byte code = 1; code < Prefixes.Length; code++)
        {
            if (uri.StartsWith(Prefixes[code], StringComparison.Ordinal) && Prefixes[code].Length > Prefixes[best].Length)
            {
                best = code;
            }
        }

        var rest = Encoding.UTF8.GetBytes(uri[Prefixes[best].Length..]);
        return [best, .. rest];
    }

    public static string Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            throw new NdefFormatException(NdefError.Payload, "URI record with an empty payload (no identifier code).");
        }

        if (payload[0] >= Prefixes.Length)
        {
            throw new NdefFormatException(NdefError.Payload, $"URI identifier code 0x{payload[0]:X2} is reserved.");
        }

        try
        {
            return Prefixes[payload[0]] + StrictUtf8.GetString(payload[1..]);
        }
        catch (DecoderFallbackException e)
        {
            throw new NdefFormatException(NdefError.Payload, $"URI record is not valid UTF-8: {e.Message}");
        }
    }
}

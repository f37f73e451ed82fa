using System.Globalization;
using EdgeGateway.Hardware.Ble.Decoders;

namespace EdgeGateway.Hardware.Ble.Encoders;

/// <summary>
/// Eddystone-URL advertising data: frame type 0x10, TX power at 0 m, scheme code, then the URL compressed
/// with the spec's expansion codes (longest match first, so "https://www.example.com/" is 1 + 8 bytes).
/// The compressed URL must fit 17 bytes; anything longer, any other scheme, or a character outside
/// printable ASCII is refused with the reason.
/// </summary>
public static class EddystoneUrlEncoder
{
    public const int MaxEncodedUrlLength = EddystoneUrlCodes.MaxEncodedLength;

    /// <summary>Compresses <paramref name="url"/> into <paramref name="encoded"/> (at least 17 bytes); returns null, or why it cannot be encoded.</summary>
    public static string? TryCompress(string url, Span<byte> encoded, out byte scheme, out int length)
    {
        ArgumentNullException.ThrowIfNull(url);
        scheme = 0;
        length = 0;
        var best = -1;
        for (var i = 0; i < EddystoneUrlCodes.Schemes.Length; i++)
        {
            if (url.StartsWith(EddystoneUrlCodes.Schemes[i], StringComparison.Ordinal)
                && (best < 0 || EddystoneUrlCodes.Schemes[i].Length > EddystoneUrlCodes.Schemes[best].Length))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return $"URL \"{url}\" does not start with http://, https://, http://www. or https://www. (the only schemes Eddystone-URL encodes)";
        }

        scheme = (byte)best;
        var rest = url.AsSpan(EddystoneUrlCodes.Schemes[best].Length);
        var needed = 0;
        while (!rest.IsEmpty)
        {
            var code = LongestExpansion(rest);
            byte value;
            if (code >= 0)
            {
                value = (byte)code;
                rest = rest[EddystoneUrlCodes.Expansions[code].Length..];
            }
            else if (rest[0] is > ' ' and < (char)0x7F)
            {
                value = (byte)rest[0];
                rest = rest[1..];
            }
            else
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"URL \"{url}\" contains U+{(int)rest[0]:X4} at {url.Length - rest.Length}: Eddystone-URL carries printable ASCII only (percent-encode it)");
            }

            if (needed < MaxEncodedUrlLength && needed < encoded.Length)
            {
                encoded[needed] = value;
            }

            needed++;
        }

        if (needed > MaxEncodedUrlLength)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"URL \"{url}\" compresses to {needed} bytes after the scheme; Eddystone-URL holds {MaxEncodedUrlLength} (use a shortener)");
        }

        if (needed > encoded.Length)
        {
            throw new ArgumentException($"the buffer for the encoded URL must hold {MaxEncodedUrlLength} bytes", nameof(encoded));
        }

        length = needed;
        return null;
    }

    /// <summary>Writes the advertising data; throws <see cref="ArgumentException"/> with the reason when the URL cannot be encoded.</summary>
    public static int Write(Span<byte> destination, string url, sbyte txPowerAt0M)
    {
        Span<byte> scratch = stackalloc byte[MaxEncodedUrlLength];
        if (TryCompress(url, scratch, out _, out _) is { } problem)
        {
            throw new ArgumentException(problem, nameof(url));
        }

        return Write(destination, EddystoneUrlFrame.FromUrl(url, txPowerAt0M)!.Value);
    }

    /// <summary>Writes the advertising data of an already compressed frame.</summary>
    public static int Write(Span<byte> destination, in EddystoneUrlFrame url)
    {
        var frame = EddystoneServiceData.WriteHeader(destination, 3 + url.EncodedLength);
        frame[0] = (byte)EddystoneFrameType.Url;
        frame[1] = (byte)url.TxPower;
        frame[2] = url.Scheme;
        url.Encoded.CopyTo(frame[3..]);
        return EddystoneServiceData.HeaderLength + 3 + url.EncodedLength;
    }

    public static byte[] Encode(string url, sbyte txPowerAt0M)
    {
        Span<byte> data = stackalloc byte[LegacyAdvertisingData.MaxLength];
        return LegacyAdvertisingData.Checked(data[..Write(data, url, txPowerAt0M)]);
    }

    private static int LongestExpansion(ReadOnlySpan<char> rest)
    {
        var code = -1;
        for (var i = 0; i < EddystoneUrlCodes.Expansions.Length; i++)
        {
            if (rest.StartsWith(EddystoneUrlCodes.Expansions[i], StringComparison.Ordinal)
                && (code < 0 || EddystoneUrlCodes.Expansions[i].Length > EddystoneUrlCodes.Expansions[code].Length))
            {
                code = i;
            }
        }

        return code;
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace EdgeGateway.Hardware.Ble.Decoders;

/// <summary>
/// Eddystone-URL: TX power at 0 m, a scheme prefix code, then the URL where bytes 0x00-0x0D stand for
/// the spec's expansions (".com/" ... ".gov"). The encoded bytes are kept; <see cref="ToUrl"/> expands them.
/// </summary>
public readonly struct EddystoneUrlFrame : IEquatable<EddystoneUrlFrame>
{
    private readonly EddystoneUrlBytes _encoded;

    private EddystoneUrlFrame(sbyte txPower, byte scheme, ReadOnlySpan<byte> encoded)
    {
        TxPower = txPower;
        Scheme = scheme;
        EncodedLength = (byte)encoded.Length;
        encoded.CopyTo(_encoded);
    }

    public sbyte TxPower { get; }

    public byte Scheme { get; }

    public byte EncodedLength { get; }

    /// <summary>The URL bytes after the scheme, still with expansion codes.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Encoded => ((ReadOnlySpan<byte>)_encoded)[..EncodedLength];

    public static FrameMatch TryParse(ReadOnlySpan<byte> frameBytes, out EddystoneUrlFrame frame, out string? error)
    {
        frame = default;
        error = null;
        if (frameBytes.IsEmpty || frameBytes[0] != (byte)EddystoneFrameType.Url)
        {
            return FrameMatch.None;
        }

        if (frameBytes.Length is < 3 or > 20)
        {
            error = $"Eddystone-URL frame is {frameBytes.Length} bytes, expected 3..20";
            return FrameMatch.Malformed;
        }

        if (frameBytes[2] >= EddystoneUrlCodes.Schemes.Length)
        {
            error = $"Eddystone-URL scheme code 0x{frameBytes[2]:X2} is reserved";
            return FrameMatch.Malformed;
        }

        var encoded = frameBytes[3..];
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b is (> 0x0D and <= 0x20) or >= 0x7F)
            {
                error = $"Eddystone-URL byte 0x{b:X2} at {i} is neither an expansion code nor printable ASCII";
                return FrameMatch.Malformed;
            }
        }

        frame = new EddystoneUrlFrame((sbyte)frameBytes[1], frameBytes[2], encoded);
        return FrameMatch.Decoded;
    }

    /// <summary>Expands scheme and codes: `03 67 6F 6F 67 6C 65 07` is "https://google.com".</summary>
    public string ToUrl()
    {
        var text = new StringBuilder(EddystoneUrlCodes.Schemes[Scheme], 64);
        foreach (var b in Encoded)
        {
            if (b < EddystoneUrlCodes.Expansions.Length)
            {
                text.Append(EddystoneUrlCodes.Expansions[b]);
            }
            else
            {
                text.Append((char)b);
            }
        }

        return text.ToString();
    }

    /// <summary>Encodes a URL the way a beacon would (longest expansion first); null when it cannot be encoded in 17 bytes
    /// (<see cref="Encoders.EddystoneUrlEncoder.TryCompress"/> says why).</summary>
    public static EddystoneUrlFrame? FromUrl(string url, sbyte txPower)
    {
        Span<byte> encoded = stackalloc byte[EddystoneUrlCodes.MaxEncodedLength];
        return Encoders.EddystoneUrlEncoder.TryCompress(url, encoded, out var scheme, out var length) is null
            ? new EddystoneUrlFrame(txPower, scheme, encoded[..length])
            : null;
    }

    public bool Equals(EddystoneUrlFrame other) =>
        TxPower == other.TxPower && Scheme == other.Scheme && Encoded.SequenceEqual(other.Encoded);

    public override bool Equals(object? obj) => obj is EddystoneUrlFrame other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(TxPower);
        hash.Add(Scheme);
        hash.AddBytes(Encoded);
        return hash.ToHashCode();
    }

    public static bool operator ==(EddystoneUrlFrame left, EddystoneUrlFrame right) => left.Equals(right);

    public static bool operator !=(EddystoneUrlFrame left, EddystoneUrlFrame right) => !left.Equals(right);
}

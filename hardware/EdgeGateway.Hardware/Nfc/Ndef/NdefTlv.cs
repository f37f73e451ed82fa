namespace EdgeGateway.Hardware.Nfc.Ndef;

/// <summary>
/// TLV blocks in a Type 2 tag's data area (NFC Forum T2T 1.0, section 2.3): NULL 0x00, Lock Control
/// 0x01, Memory Control 0x02, NDEF Message 0x03, Proprietary 0xFD, Terminator 0xFE. Lengths are one
/// byte, or 0xFF followed by two big-endian bytes.
/// </summary>
public static class NdefTlv
{
    public const byte Null = 0x00;
    public const byte LockControl = 0x01;
    public const byte MemoryControl = 0x02;
    public const byte Message = 0x03;
    public const byte Proprietary = 0xFD;
    public const byte Terminator = 0xFE;

    /// <summary>
    /// Finds the NDEF Message TLV in <paramref name="data"/> (the bytes read so far from page 4 on).
    /// <paramref name="capacity"/> is the size of the whole data area; a TLV running past it is an error.
    /// Returns the offset and length of the message, (-1, 0) when there is none, or, when the TLV runs
    /// past what was read but fits the tag, <paramref name="needed"/> = how many bytes to read in total.
    /// </summary>
    public static (int Offset, int Length) Find(ReadOnlySpan<byte> data, int capacity, out int needed)
    {
        needed = 0;
        var pos = 0;
        while (pos < data.Length)
        {
            var tag = data[pos];
            if (tag == Null)
            {
                pos++;
                continue;
            }

            if (tag == Terminator)
            {
                return (-1, 0);
            }

            if (pos + 2 > data.Length)
            {
                needed = pos + 2;
                return NeedMore(pos, capacity, needed);
            }

            int length = data[pos + 1];
            var header = 2;
            if (length == 0xFF)
            {
                if (pos + 4 > data.Length)
                {
                    needed = pos + 4;
                    return NeedMore(pos, capacity, needed);
                }

                length = (data[pos + 2] << 8) | data[pos + 3];
                header = 4;
            }

            var end = pos + header + length;
            if (end > capacity)
            {
                throw new NdefFormatException(NdefError.TlvPastEnd,
                    $"TLV 0x{tag:X2} at offset {pos} claims {length} bytes; the tag's data area ends at {capacity}.");
            }

            if (tag == Message)
            {
                if (end > data.Length)
                {
                    needed = end;
                    return (-2, 0);
                }

                return (pos + header, length);
            }

            // Lock and memory control TLVs describe reserved areas of larger tags; NTAG21x needs no special handling.
            pos = end;
        }

        if (data.Length < capacity)
        {
            needed = Math.Min(capacity, data.Length + 16);
            return (-2, 0);
        }

        return (-1, 0);
    }

    /// <summary>The NDEF Message TLV for <paramref name="message"/>, followed by a Terminator TLV.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> message)
    {
        if (message.Length > 0xFFFE)
        {
            throw new NdefFormatException(NdefError.TooLarge, $"NDEF message of {message.Length} bytes cannot be put in a TLV.");
        }

        return message.Length < 0xFF
            ? [Message, (byte)message.Length, .. message, Terminator]
            : [Message, 0xFF, (byte)(message.Length >> 8), (byte)message.Length, .. message, Terminator];
    }

    private static (int, int) NeedMore(int pos, int capacity, int needed)
    {
        if (needed > capacity)
        {
            throw new NdefFormatException(NdefError.TlvPastEnd, $"TLV at offset {pos} is cut off by the end of the data area ({capacity}).");
        }

        return (-2, 0);
    }
}

namespace EdgeGateway.Hardware.Pn532.Frames;

/// <summary>Builds PN532 host-interface frames (UM0701-02 section 6.2.1).</summary>
public static class Pn532FrameWriter
{
    /// <summary>TFI of a frame from the host to the PN532.</summary>
    public const byte HostToPn532 = 0xD4;

    /// <summary>TFI of a frame from the PN532 to the host.</summary>
    public const byte Pn532ToHost = 0xD5;

    /// <summary>Normal frames carry at most 254 data bytes after the TFI; longer ones use the extended form.</summary>
    public const int MaxNormalLength = 255;

    /// <summary>Bytes a frame adds around TFI + data: 00 00 FF LEN LCS … DCS 00 (extended: +3).</summary>
    public const int NormalOverhead = 7;

    public static ReadOnlySpan<byte> Ack => [0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00];

    public static ReadOnlySpan<byte> Nack => [0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    public static ReadOnlySpan<byte> ApplicationError => [0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00];

    /// <summary>Size of the information frame for <paramref name="dataLength"/> bytes after the TFI.</summary>
    public static int InformationFrameSize(int dataLength) =>
        dataLength + 1 > MaxNormalLength ? dataLength + 1 + NormalOverhead + 3 : dataLength + 1 + NormalOverhead;

    /// <summary>Writes TFI + <paramref name="data"/> as one information frame; returns the bytes written.</summary>
    public static int WriteInformation(Span<byte> destination, byte tfi, ReadOnlySpan<byte> data)
    {
        var length = data.Length + 1;
        if (length > Pn532FrameParser.MaxInformationLength)
        {
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, "A PN532 frame carries at most 264 data bytes.");
        }

        var size = InformationFrameSize(data.Length);
        if (destination.Length < size)
        {
            throw new ArgumentException($"Frame needs {size} bytes, destination has {destination.Length}.", nameof(destination));
        }

        destination[0] = 0x00;
        destination[1] = 0x00;
        destination[2] = 0xFF;
        int pos;
        if (length > MaxNormalLength)
        {
            destination[3] = 0xFF;
            destination[4] = 0xFF;
            destination[5] = (byte)(length >> 8);
            destination[6] = (byte)length;
            destination[7] = (byte)(0 - destination[5] - destination[6]);
            pos = 8;
        }
        else
        {
            destination[3] = (byte)length;
            destination[4] = (byte)(0 - length);
            pos = 5;
        }

        destination[pos++] = tfi;
        var sum = tfi;
        foreach (var b in data)
        {
            destination[pos++] = b;
            sum += b;
        }

        destination[pos++] = (byte)(0 - sum);
        destination[pos++] = 0x00;
        return pos;
    }

    /// <summary>Convenience for tests and emulators: the whole frame as a new array.</summary>
    public static byte[] Information(byte tfi, ReadOnlySpan<byte> data)
    {
        var frame = new byte[InformationFrameSize(data.Length)];
        WriteInformation(frame, tfi, data);
        return frame;
    }
}

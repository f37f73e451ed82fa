namespace EdgeGateway.Hardware.Pn532.Frames;

/// <summary>
/// Finds the first frame in a receive buffer (UM0701-02 section 6.2.1). Bytes before the start code
/// 00 FF are garbage (wake-up preambles, line noise, I2C/SPI padding) and are skipped, never fatal.
/// Allocation-free; never throws for any input.
/// </summary>
public static class Pn532FrameParser
{
    /// <summary>The PN532's frame buffer holds 264 data bytes plus TFI; anything longer is a lie.</summary>
    public const int MaxInformationLength = 265;

    public static Pn532ParsedFrame Parse(ReadOnlySpan<byte> input)
    {
        var start = FindStartCode(input);
        if (start < 0)
        {
            // Keep a trailing 0x00: it may be the first half of a start code still in flight.
            var keep = input.Length > 0 && input[^1] == 0x00 ? 1 : 0;
            return NeedMore(input.Length - keep, input.Length - keep);
        }

        var garbage = CountGarbage(input[..start]);
        var pos = start + 2;
        if (input.Length < pos + 2)
        {
            return NeedMore(start, garbage);
        }

        byte len = input[pos];
        byte lcs = input[pos + 1];
        if (len == 0x00 && lcs == 0xFF)
        {
            return Special(input, pos + 2, Pn532FrameKind.Ack, start, garbage);
        }

        if (len == 0xFF && lcs == 0x00)
        {
            return Special(input, pos + 2, Pn532FrameKind.Nack, start, garbage);
        }

        int length;
        int tfi;
        if (len == 0xFF && lcs == 0xFF)
        {
            if (input.Length < pos + 5)
            {
                return NeedMore(start, garbage);
            }

            length = (input[pos + 2] << 8) | input[pos + 3];
            if ((byte)(input[pos + 2] + input[pos + 3] + input[pos + 4]) != 0)
            {
                return Invalid(Pn532FrameError.LengthChecksum, pos, garbage);
            }

            tfi = pos + 5;
        }
        else
        {
            if ((byte)(len + lcs) != 0)
            {
                return Invalid(Pn532FrameError.LengthChecksum, pos, garbage);
            }

            length = len;
            tfi = pos + 2;
        }

        if (length == 0 || length > MaxInformationLength)
        {
            return Invalid(Pn532FrameError.ImpossibleLength, pos, garbage);
        }

        var end = tfi + length + 2;
        if (input.Length < end)
        {
            return NeedMore(start, garbage);
        }

        byte sum = 0;
        foreach (var b in input.Slice(tfi, length + 1))
        {
            sum += b;
        }

        if (sum != 0)
        {
            return Invalid(Pn532FrameError.DataChecksum, end, garbage);
        }

        if (input[end - 1] != 0x00)
        {
            return Invalid(Pn532FrameError.MissingPostamble, end, garbage);
        }

        var kind = length == 1 && input[tfi] == 0x7F ? Pn532FrameKind.ApplicationError : Pn532FrameKind.Information;
        return new Pn532ParsedFrame(Pn532ParseStatus.Frame, kind, Pn532FrameError.None, tfi, length, end, garbage);
    }

    private static int FindStartCode(ReadOnlySpan<byte> input)
    {
        for (var i = 0; i + 1 < input.Length; i++)
        {
            if (input[i] == 0x00 && input[i + 1] == 0xFF)
            {
                return i;
            }
        }

        return -1;
    }

    private static int CountGarbage(ReadOnlySpan<byte> skipped)
    {
        // Preamble zeros and HSU wake-up 0x55s are expected filler, not line noise.
        var count = 0;
        foreach (var b in skipped)
        {
            if (b is not 0x00 and not 0x55)
            {
                count++;
            }
        }

        return count;
    }

    private static Pn532ParsedFrame Special(ReadOnlySpan<byte> input, int postamble, Pn532FrameKind kind, int start, int garbage)
    {
        if (input.Length <= postamble)
        {
            return NeedMore(start, garbage);
        }

        return input[postamble] != 0x00
            ? Invalid(Pn532FrameError.MissingPostamble, postamble, garbage)
            : new Pn532ParsedFrame(Pn532ParseStatus.Frame, kind, Pn532FrameError.None, 0, 0, postamble + 1, garbage);
    }

    private static Pn532ParsedFrame NeedMore(int consumed, int garbage) =>
        new(Pn532ParseStatus.NeedMoreData, default, Pn532FrameError.None, 0, 0, consumed, garbage);

    // Resynchronise just after the bad start code so a real frame hidden behind it is still found.
    private static Pn532ParsedFrame Invalid(Pn532FrameError error, int consumed, int garbage) =>
        new(Pn532ParseStatus.Invalid, default, error, 0, 0, consumed, garbage);
}

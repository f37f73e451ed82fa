namespace EdgeGateway.Hardware.Pn532.Frames;

/// <summary>Why bytes that start like a frame are not one. Each is counted separately by the driver.</summary>
public enum Pn532FrameError
{
    None = 0,

    /// <summary>LEN + LCS (or LENM + LENL + LCS) is not 0 modulo 256.</summary>
    LengthChecksum,

    /// <summary>TFI + data + DCS is not 0 modulo 256.</summary>
    DataChecksum,

    /// <summary>The byte after the frame is not the 0x00 postamble.</summary>
    MissingPostamble,

    /// <summary>A length the chip can never send (0, or more than its 264-byte buffer).</summary>
    ImpossibleLength,
}

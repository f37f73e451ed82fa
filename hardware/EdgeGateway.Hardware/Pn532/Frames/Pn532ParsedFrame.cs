namespace EdgeGateway.Hardware.Pn532.Frames;

/// <summary>
/// Where one frame sits in the buffer that was parsed. Offsets instead of a span keep this a plain
/// value that can cross an await; <see cref="Consumed"/> bytes may be dropped from the buffer front.
/// </summary>
public readonly record struct Pn532ParsedFrame(
    Pn532ParseStatus Status,
    Pn532FrameKind Kind,
    Pn532FrameError Error,
    int TfiOffset,
    int Length,
    int Consumed,
    int SkippedGarbage)
{
    /// <summary>The frame identifier (0xD4 host to chip, 0xD5 chip to host, 0x7F error).</summary>
    public byte Tfi(ReadOnlySpan<byte> buffer) => buffer[TfiOffset];

    /// <summary>The bytes after the TFI: command code (or response code) and parameters.</summary>
    public ReadOnlySpan<byte> Data(ReadOnlySpan<byte> buffer) => buffer.Slice(TfiOffset + 1, Length - 1);

    public bool IsInformation => Status == Pn532ParseStatus.Frame && Kind == Pn532FrameKind.Information;
}

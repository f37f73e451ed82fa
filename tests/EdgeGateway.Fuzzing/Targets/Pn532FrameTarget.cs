using EdgeGateway.Hardware.Pn532.Frames;

namespace EdgeGateway.Fuzzing.Targets;

/// <summary>The PN532 receive buffer: frames are cut one after another until the parser asks for more bytes.</summary>
public sealed class Pn532FrameTarget : IFuzzTarget
{
    public string Name => "pn532";

    // Built on demand: under AFL++ the writers are instrumented and must not run before the fork server is up.
    public IReadOnlyList<byte[]> Seeds =>
    [
        Pn532FrameWriter.Ack.ToArray(),
        Pn532FrameWriter.Nack.ToArray(),
        Pn532FrameWriter.ApplicationError.ToArray(),
        Pn532FrameWriter.Information(Pn532FrameWriter.Pn532ToHost, [0x03, 0x32, 0x01, 0x06, 0x07]),
        [.. Pn532FrameWriter.Ack, .. Pn532FrameWriter.Information(Pn532FrameWriter.Pn532ToHost, [0x4B, 0x01, 0x01, 0x00, 0x44, 0x00, 0x07, 0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66])],
        Pn532FrameWriter.Information(Pn532FrameWriter.Pn532ToHost, new byte[264]),
        [0x55, 0x55, 0x00, 0x00, 0x00, .. Pn532FrameWriter.Ack],
    ];

    public void Run(ReadOnlySpan<byte> input)
    {
        while (!input.IsEmpty)
        {
            var frame = Pn532FrameParser.Parse(input);
            if (frame.IsInformation)
            {
                _ = frame.Tfi(input);
                _ = frame.Data(input);
            }

            if (frame.Consumed <= 0 || frame.Consumed > input.Length)
            {
                if (frame.Status != Pn532ParseStatus.NeedMoreData || frame.Consumed > input.Length)
                {
                    throw new InvalidOperationException($"parser consumed {frame.Consumed} of {input.Length} bytes with status {frame.Status}");
                }

                return;
            }

            input = input[frame.Consumed..];
        }
    }
}

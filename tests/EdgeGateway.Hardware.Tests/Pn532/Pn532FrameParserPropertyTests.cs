using EdgeGateway.Hardware.Pn532.Frames;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeGateway.Hardware.Tests.Pn532;

/// <summary>Bounded property tests: the parser survives any byte sequence and finds frames hidden in noise.</summary>
public class Pn532FrameParserPropertyTests
{
    private static readonly Config Bounded = Config.QuickThrowOnFailure.WithMaxTest(3000).WithEndSize(400);

    // Noise biased towards what confuses a frame parser: start codes, 0xFF lengths, ACK fragments.
    private static Arbitrary<byte[]> LineBytes()
    {
        var piece = Gen.OneOf(
            Gen.Choose(0, 255).Select(b => new[] { (byte)b }),
            Gen.Constant(new byte[] { 0x00, 0x00, 0xFF }),
            Gen.Constant(new byte[] { 0x00, 0xFF, 0xFF, 0xFF }),
            Gen.Constant(Pn532FrameWriter.Ack.ToArray()),
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(d => Pn532FrameWriter.Information(0xD5, d.Take(264).ToArray())));
        return Gen.ListOf(piece).Select(parts => parts.SelectMany(p => p).ToArray()).ToArbitrary();
    }

    [Fact]
    public void Never_throws_and_always_consumes_within_the_input()
    {
        var property = Prop.ForAll(LineBytes(), bytes =>
        {
            var frame = Pn532FrameParser.Parse(bytes);
            var inBounds = frame.Consumed >= 0 && frame.Consumed <= bytes.Length;
            var progress = frame.Status == Pn532ParseStatus.NeedMoreData || frame.Consumed > 0;
            var dataInBounds = !frame.IsInformation || frame.TfiOffset + frame.Length <= bytes.Length;
            return inBounds && progress && dataInBounds;
        });

        Check.One(Bounded, property);
    }

    [Fact]
    public void Draining_a_buffer_terminates_and_finds_the_frame_unless_a_frame_begun_in_the_noise_overlaps_it()
    {
        var property = Prop.ForAll(LineBytes(), Gen.ArrayOf(Gen.Choose(1, 255).Select(b => (byte)b)).ToArbitrary(), (noise, data) =>
        {
            var payload = data.Take(200).ToArray();
            byte[] line = [.. noise, .. Pn532FrameWriter.Information(0xD5, payload)];
            var found = false;
            var overlapped = false;
            var position = 0;
            for (var steps = 0; steps <= line.Length && position < line.Length; steps++)
            {
                var rest = line.AsSpan(position);
                var parsed = Pn532FrameParser.Parse(rest);
                // A checksum-valid header that starts in the noise and runs into the frame: the frame is
                // unrecoverable by any parser (the driver's deadline then clears the buffer).
                overlapped |= parsed.Status switch
                {
                    Pn532ParseStatus.NeedMoreData => position + parsed.Consumed < noise.Length,
                    _ => position < noise.Length && position + parsed.Consumed > noise.Length,
                };
                if (parsed.Status == Pn532ParseStatus.NeedMoreData)
                {
                    break;
                }

                found |= parsed.IsInformation && parsed.Data(rest).SequenceEqual(payload) && parsed.Consumed == rest.Length;
                position += parsed.Consumed;
            }

            return found || overlapped;
        });

        Check.One(Bounded, property);
    }
}

using EdgeGateway.Hardware.Pn532.Frames;

namespace EdgeGateway.Hardware.Tests.Pn532;

public class Pn532FrameParserTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    [Fact]
    public void Parses_the_GetFirmwareVersion_answer_from_the_user_manual()
    {
        var bytes = Hex("00 00 FF 06 FA D5 03 32 01 06 07 E8 00");

        var frame = Pn532FrameParser.Parse(bytes);

        Assert.True(frame.IsInformation);
        Assert.Equal(0xD5, frame.Tfi(bytes));
        Assert.Equal(Hex("03 32 01 06 07"), frame.Data(bytes).ToArray());
        Assert.Equal(bytes.Length, frame.Consumed);
    }

    [Fact]
    public void Writer_produces_the_GetFirmwareVersion_command_from_the_user_manual()
    {
        Assert.Equal(Hex("00 00 FF 02 FE D4 02 2A 00"), Pn532FrameWriter.Information(0xD4, [0x02]));
    }

    [Theory]
    [InlineData("00 00 FF 00 FF 00", Pn532FrameKind.Ack)]
    [InlineData("00 00 FF FF 00 00", Pn532FrameKind.Nack)]
    [InlineData("00 00 FF 01 FF 7F 81 00", Pn532FrameKind.ApplicationError)]
    public void Recognises_the_special_frames(string hex, Pn532FrameKind kind)
    {
        var frame = Pn532FrameParser.Parse(Hex(hex));

        Assert.Equal(Pn532ParseStatus.Frame, frame.Status);
        Assert.Equal(kind, frame.Kind);
    }

    [Theory]
    [InlineData("00 00 FF 06 FB D5 03 32 01 06 07 E8 00", Pn532FrameError.LengthChecksum)]
    [InlineData("00 00 FF 06 FA D5 03 32 01 06 07 E9 00", Pn532FrameError.DataChecksum)]
    [InlineData("00 00 FF 06 FA D5 03 32 01 06 07 E8 55", Pn532FrameError.MissingPostamble)]
    [InlineData("00 00 FF 00 FF 07", Pn532FrameError.MissingPostamble)]
    [InlineData("00 00 FF FF FF 10 00 F0 D5", Pn532FrameError.ImpossibleLength)]
    [InlineData("00 00 FF FF FF 01 00 00 D5", Pn532FrameError.LengthChecksum)]
    public void Names_what_is_wrong_with_a_bad_frame(string hex, Pn532FrameError error)
    {
        var frame = Pn532FrameParser.Parse(Hex(hex));

        Assert.Equal(Pn532ParseStatus.Invalid, frame.Status);
        Assert.Equal(error, frame.Error);
        Assert.True(frame.Consumed > 0);
    }

    [Fact]
    public void Partial_frames_wait_for_more_and_keep_their_start()
    {
        var full = Hex("13 37 00 00 FF 06 FA D5 03 32 01 06 07 E8 00");

        for (var cut = 0; cut < full.Length; cut++)
        {
            var frame = Pn532FrameParser.Parse(full.AsSpan(0, cut));
            Assert.Equal(Pn532ParseStatus.NeedMoreData, frame.Status);
            // Noise and the optional preamble may go; the start code (offset 3) must stay.
            Assert.True(frame.Consumed <= 3, $"cut {cut} consumed {frame.Consumed}");
        }
    }

    [Fact]
    public void Garbage_before_a_frame_is_skipped_and_counted_but_preambles_are_not_garbage()
    {
        var noisy = Hex("13 37 42 00 00 FF 00 FF 00");
        var preamble = Hex("55 55 00 00 00 00 00 FF 00 FF 00");

        Assert.Equal(3, Pn532FrameParser.Parse(noisy).SkippedGarbage);
        Assert.Equal(0, Pn532FrameParser.Parse(preamble).SkippedGarbage);
        Assert.Equal(Pn532FrameKind.Ack, Pn532FrameParser.Parse(noisy).Kind);
    }

    [Fact]
    public void Extended_frames_round_trip_for_data_longer_than_254_bytes()
    {
        var data = Enumerable.Range(0, 262).Select(i => (byte)i).ToArray();

        var bytes = Pn532FrameWriter.Information(0xD5, data);
        var frame = Pn532FrameParser.Parse(bytes);

        Assert.Equal(Hex("00 00 FF FF FF 01 07 F8"), bytes[..8]);
        Assert.True(frame.IsInformation);
        Assert.Equal(data, frame.Data(bytes).ToArray());
    }
}

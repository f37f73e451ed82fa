using EdgeGateway.Hardware.Emulation.Pn532;
using EdgeGateway.Hardware.Emulation.Pn532.Tags;
using EdgeGateway.Hardware.Nfc.Ntag;
using EdgeGateway.Hardware.Pn532.Frames;

namespace EdgeGateway.Hardware.Emulation.Tests.Pn532;

/// <summary>
/// The emulator answers public frame exchanges byte for byte. Traces are quoted from the PN532 user
/// manual UM0701-02 (GetFirmwareVersion, SAMConfiguration examples) and the NTAG213 datasheet values
/// (GET_VERSION answer 00 04 04 02 01 00 0F 03).
/// </summary>
public class ConformanceTraceTests
{
    public static TheoryData<string, string[]> Traces => new()
    {
        // GetFirmwareVersion → ACK, then IC 0x32 (PN532), version 1.6, support 0x07.
        { "00 00 FF 02 FE D4 02 2A 00", ["00 00 FF 00 FF 00", "00 00 FF 06 FA D5 03 32 01 06 07 E8 00"] },
        // SAMConfiguration normal mode, timeout 0x14, IRQ on → ACK, then D5 15.
        { "00 00 FF 05 FB D4 14 01 14 01 02 00", ["00 00 FF 00 FF 00", "00 00 FF 02 FE D5 15 16 00"] },
        // HSU wake-up preamble in front of SAMConfiguration is ignored.
        { "55 55 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 FF 03 FD D4 14 01 17 00", ["00 00 FF 00 FF 00", "00 00 FF 02 FE D5 15 16 00"] },
        // InListPassiveTarget with no tag in the field → NbTg = 0.
        { "00 00 FF 04 FC D4 4A 01 00 E1 00", ["00 00 FF 00 FF 00", "00 00 FF 03 FD D5 4B 00 E0 00"] },
        // A frame with a broken data checksum is dropped without an answer.
        { "00 00 FF 02 FE D4 02 2B 00", [] },
    };

    [Theory]
    [MemberData(nameof(Traces))]
    public void Emulator_answers_the_quoted_exchange_byte_for_byte(string host, string[] expected)
    {
        var chip = new EmulatedPn532();

        chip.Receive(Convert.FromHexString(host.Replace(" ", "", StringComparison.Ordinal)));

        var frames = new List<string>();
        while (chip.TryTakeFrame(out var frame))
        {
            frames.Add(Convert.ToHexString(frame));
        }

        Assert.Equal(expected.Select(e => e.Replace(" ", "", StringComparison.Ordinal)), frames);
    }

    [Fact]
    public void InListPassiveTarget_reports_an_NTAG213_with_its_7_byte_uid()
    {
        var chip = new EmulatedPn532();
        chip.PlaceTag(new VirtualNtag(NtagType.Ntag213, Convert.FromHexString("04A22C7A4B5C80")));

        chip.Receive(Convert.FromHexString("0000FF04FCD44A0100E100"));

        Assert.True(chip.TryTakeFrame(out _));
        Assert.True(chip.TryTakeFrame(out var response));
        // D5 4B NbTg=1 Tg=1 SENS_RES=00 44 SEL_RES=00 NFCIDLength=7 UID
        Assert.Equal("0000FF0FF1D54B01010044000704A22C7A4B5C80", Convert.ToHexString(response)[..40]);
    }

    [Fact]
    public void MIFARE_Classic_AUTH_through_InDataExchange_matches_the_published_exchange()
    {
        // Published example (Adafruit-PN532 fork notes, UM0701-02 framing): UID 04 33 18 EA 70 32 80, key A
        // A7 3F 5D C1 D3 33, block 4; the AUTH carries the UID's last 4 bytes. Success: D5 41 00.
        // With all 7 UID bytes the chip answers the syntax-error frame.
        var chip = new EmulatedPn532();
        var card = new VirtualMifareClassic(Convert.FromHexString("043318EA703280"));
        card.SetKeyA(1, Convert.FromHexString("A73F5DC1D333"));
        chip.PlaceTag(card);
        chip.Receive(Pn532FrameWriter.Information(0xD4, [0x4A, 0x01, 0x00]));
        while (chip.TryTakeFrame(out _))
        {
        }

        chip.Receive(Pn532FrameWriter.Information(0xD4, Convert.FromHexString("40016004A73F5DC1D333EA703280")));
        Assert.True(chip.TryTakeFrame(out var ack));
        Assert.True(chip.TryTakeFrame(out var answer));
        chip.Receive(Pn532FrameWriter.Information(0xD4, Convert.FromHexString("40016004A73F5DC1D333043318EA703280")));
        Assert.True(chip.TryTakeFrame(out _));
        Assert.True(chip.TryTakeFrame(out var syntaxError));

        Assert.Equal("0000FF00FF00", Convert.ToHexString(ack));
        Assert.Equal("0000FF03FDD54100EA00", Convert.ToHexString(answer));
        Assert.Equal("0000FF01FF7F8100", Convert.ToHexString(syntaxError));
    }
}

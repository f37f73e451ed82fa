using EdgeGateway.Hardware.Emulation.Pn532;
using EdgeGateway.Hardware.Emulation.Pn532.Tags;
using EdgeGateway.Hardware.Nfc;
using EdgeGateway.Hardware.Nfc.Classic;
using EdgeGateway.Hardware.Nfc.Ndef;
using EdgeGateway.Hardware.Nfc.Ntag;
using EdgeGateway.Hardware.Pn532;

namespace EdgeGateway.Hardware.Emulation.Tests.Pn532;

public class FaultTests
{
    private static readonly byte[] Uid = Convert.FromHexString("04112233445566");

    [Fact]
    public async Task A_silent_chip_is_a_NoAck_error_naming_the_wiring()
    {
        await using var rig = EmulatorRig.Create("hsu");
        rig.Chip.Unplugged = true;

        var e = await Assert.ThrowsAsync<Pn532Exception>(() => rig.Driver.GetFirmwareVersionAsync(TestContext.Current.CancellationToken));

        Assert.Equal(Pn532Error.NoAck, e.Error);
        Assert.Contains("wiring", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hsu")]
    [InlineData("i2c")]
    public async Task No_answer_times_out_aborts_with_ACK_and_the_next_command_works(string bus)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = EmulatorRig.Create(bus);
        rig.Chip.InjectFault(EmulatedPn532Fault.NoAnswer);

        var e = await Assert.ThrowsAsync<Pn532Exception>(() => rig.Driver.GetFirmwareVersionAsync(ct));
        var version = await rig.Driver.GetFirmwareVersionAsync(ct);

        Assert.Equal(Pn532Error.ResponseTimeout, e.Error);
        Assert.Equal(1, rig.Driver.Counters.Aborts);
        Assert.True(version.IsPn532);
    }

    [Theory]
    [InlineData("hsu")]
    [InlineData("spi")]
    public async Task A_bad_checksum_is_answered_with_NACK_and_the_resent_frame_is_used(string bus)
    {
        await using var rig = EmulatorRig.Create(bus);
        rig.Chip.InjectFault(EmulatedPn532Fault.BadChecksum);

        var version = await rig.Driver.GetFirmwareVersionAsync(TestContext.Current.CancellationToken);

        Assert.True(version.IsPn532);
        Assert.Equal(1, rig.Driver.Counters.NacksSent);
        Assert.Equal(1, rig.Driver.Counters.BadFrames);
    }

    [Fact]
    public async Task A_NACK_from_the_chip_makes_the_driver_send_the_command_again()
    {
        await using var rig = EmulatorRig.Create("hsu");
        rig.Chip.InjectFault(EmulatedPn532Fault.Nack);

        var version = await rig.Driver.GetFirmwareVersionAsync(TestContext.Current.CancellationToken);

        Assert.True(version.IsPn532);
        Assert.Equal(1, rig.Chip.CommandsProcessed);
    }

    [Fact]
    public async Task Line_noise_before_a_frame_is_skipped_and_counted()
    {
        await using var rig = EmulatorRig.Create("hsu");
        rig.Chip.InjectFault(EmulatedPn532Fault.LineNoise);

        var version = await rig.Driver.GetFirmwareVersionAsync(TestContext.Current.CancellationToken);

        Assert.True(version.IsPn532);
        Assert.True(rig.Driver.Counters.GarbageBytes > 0);
    }

    [Fact]
    public async Task A_tag_removed_mid_exchange_is_a_tag_gone_status_error()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = EmulatorRig.Create("i2c");
        rig.Chip.PlaceTag(new VirtualNtag(NtagType.Ntag213, Uid));
        var target = await rig.Driver.InListPassiveTargetAsync(null, ct);
        rig.Chip.InjectFault(EmulatedPn532Fault.TagRemovedMidExchange);

        var e = await Assert.ThrowsAsync<Pn532Exception>(() => new NfcTagReader(rig.Driver).ReadAsync(target!, ct));

        Assert.Equal(Pn532Status.Timeout, e.Status);
        Assert.True(e.IsTagGone);
        Assert.Null(await rig.Driver.InListPassiveTargetAsync(null, ct));
    }

    [Fact]
    public async Task Password_protection_counter_and_write_scope_follow_the_datasheet()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = EmulatorRig.Create("i2c");
        var virtualTag = new VirtualNtag(NtagType.Ntag213, Uid) { Password = 0x12345678, Pack = 0xABCD };
        rig.Chip.PlaceTag(virtualTag);
        var target = await rig.Driver.InListPassiveTargetAsync(null, ct);
        var tag = await new NfcTagReader(rig.Driver).ActivateAsync(target!, ct);

        await tag.EnableCounterAsync(ct);
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tag.WritePageAsync(tag.Map.Config0Page, new byte[4], cancellationToken: ct));
        var wrong = await Assert.ThrowsAsync<Pn532Exception>(() => tag.PasswordAuthAsync(0x11111111, ct));
        rig.Chip.PlaceTag(virtualTag);
        target = await rig.Driver.InListPassiveTargetAsync(null, ct);
        var pack = await tag.PasswordAuthAsync(0x12345678, ct);
        var counter = await tag.ReadCounterAsync(ct);

        Assert.Contains("Configuration", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Pn532Status.Authentication, wrong.Status);
        Assert.Equal(0xABCD, pack);
        Assert.Equal(1, counter);
    }

    [Fact]
    public async Task A_MIFARE_Classic_is_identified_by_SAK_and_its_4_byte_uid_read()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = EmulatorRig.Create("spi");
        rig.Chip.PlaceTag(new VirtualMifareClassic(Convert.FromHexString("DEADBEEF")));

        var target = await rig.Driver.InListPassiveTargetAsync(null, ct);
        var snapshot = await new NfcTagReader(rig.Driver).ReadAsync(target!, ct);

        Assert.Equal(NfcTagKind.MifareClassic1K, snapshot.Kind);
        Assert.Equal("deadbeef", snapshot.UidHex);
        Assert.Equal(0x0004, snapshot.Atqa);
        Assert.Equal(0x08, snapshot.Sak);
    }

    [Fact]
    public async Task Card_emulation_exchanges_commands_with_a_simulated_phone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = EmulatorRig.Create("i2c");
        rig.Chip.QueueInitiatorCommand([0x00, 0xA4, 0x04, 0x00]);
        rig.Chip.QueueInitiatorCommand([0x00, 0xB0, 0x00, 0x00]);

        var (mode, first) = await rig.Driver.TgInitAsTargetAsync(new Pn532TargetSettings(), TimeSpan.FromMilliseconds(300), ct);
        await rig.Driver.TgSetDataAsync(new byte[] { 0x90, 0x00 }, ct);
        var next = new byte[32];
        var length = await rig.Driver.TgGetDataAsync(next, null, ct);

        Assert.Equal(0x04, mode);
        Assert.Equal(new byte[] { 0x00, 0xA4, 0x04, 0x00 }, first);
        Assert.Equal(new byte[] { 0x00, 0xB0, 0x00, 0x00 }, next[..length]);
        Assert.Equal(new byte[] { 0x90, 0x00 }, rig.Chip.TargetAnswers.Single());
    }

    [Fact]
    public async Task An_NDEF_TLV_longer_than_the_tag_is_reported_in_the_snapshot_not_thrown()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = EmulatorRig.Create("hsu");
        var lying = new VirtualNtag(NtagType.Ntag213, Uid);
        lying.Poke(4, [0x03, 0xFF, 0x01, 0x2C]);
        rig.Chip.PlaceTag(lying);

        var target = await rig.Driver.InListPassiveTargetAsync(null, ct);
        var snapshot = await new NfcTagReader(rig.Driver).ReadAsync(target!, ct);

        Assert.Equal(NdefError.TlvPastEnd, snapshot.NdefProblem);
        Assert.Contains("claims 300 bytes", snapshot.NdefProblemMessage, StringComparison.Ordinal);
        Assert.Empty(snapshot.Ndef.Records);
    }

    [Fact]
    public async Task A_plain_Ultralight_NAKs_GET_VERSION_is_reselected_and_read()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = EmulatorRig.Create("spi");
        rig.Chip.PlaceTag(new VirtualNtag(NtagType.Ultralight, Uid));
        var target = await rig.Driver.InListPassiveTargetAsync(null, ct);
        var tag = await new NfcTagReader(rig.Driver).ActivateAsync(target!, ct);
        await tag.WriteNdefAsync(new NdefMessage([NdefRecord.CreateUri("https://u.example/1")]), ct);

        var snapshot = await new NfcTagReader(rig.Driver).ReadAsync(target!, ct);

        Assert.Equal(NfcTagKind.Ultralight, snapshot.Kind);
        Assert.Null(snapshot.Counter);
        Assert.False(snapshot.SignaturePresent);
        Assert.Equal("https://u.example/1", NdefUri.Decode(snapshot.Ndef.Records.Single().Payload));
    }

    [Fact]
    public async Task A_message_too_big_for_the_tag_is_refused_before_writing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = EmulatorRig.Create("i2c");
        var virtualTag = new VirtualNtag(NtagType.Ntag213, Uid);
        rig.Chip.PlaceTag(virtualTag);
        var before = virtualTag.Dump();
        var target = await rig.Driver.InListPassiveTargetAsync(null, ct);
        var tag = await new NfcTagReader(rig.Driver).ActivateAsync(target!, ct);

        var e = await Assert.ThrowsAsync<NdefFormatException>(() =>
            tag.WriteNdefAsync(new NdefMessage([NdefRecord.CreateText(new string('a', 200))]), ct));

        Assert.Equal(NdefError.TooLarge, e.Error);
        Assert.Equal(before, virtualTag.Dump());
    }

    [Fact]
    public async Task A_truncated_answer_times_out_without_hanging_and_the_line_recovers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = EmulatorRig.Create("hsu");
        rig.Chip.InjectFault(EmulatedPn532Fault.TruncatedAnswer);

        var e = await Assert.ThrowsAsync<Pn532Exception>(() => rig.Driver.GetFirmwareVersionAsync(ct));
        var version = await rig.Driver.GetFirmwareVersionAsync(ct);

        Assert.Equal(Pn532Error.ResponseTimeout, e.Error);
        Assert.True(version.IsPn532);
    }

    [Theory]
    [InlineData("i2c")]
    [InlineData("spi")]
    public async Task PowerDown_SetParameters_InDeselect_and_RF_field_commands_are_accepted(string bus)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = EmulatorRig.Create(bus);
        rig.Chip.PlaceTag(new VirtualNtag(NtagType.Ntag213, Uid));

        await rig.Driver.SetParametersAsync(Pn532Parameters.AutomaticAtrRes | Pn532Parameters.AutomaticRats, ct);
        await rig.Driver.SetRfTimingsAsync(0x0B, 0x0A, ct);
        await rig.Driver.SetRfFieldAsync(on: true, cancellationToken: ct);
        Assert.NotNull(await rig.Driver.InListPassiveTargetAsync(null, ct));
        await rig.Driver.InDeselectAsync(1, ct);
        await rig.Driver.PowerDownAsync(0x88, ct);

        Assert.True((await rig.Driver.GetFirmwareVersionAsync(ct)).IsPn532);
    }

    [Fact]
    public async Task A_MIFARE_Classic_sector_is_read_with_the_right_key_and_refused_with_a_wrong_one()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = EmulatorRig.Create("hsu");
        var card = new VirtualMifareClassic(Convert.FromHexString("A1B2C3D4"));
        card.Poke(5, "shelf 4, aisle 2"u8);
        rig.Chip.PlaceTag(card);
        var target = await rig.Driver.InListPassiveTargetAsync(null, ct);
        var tag = new MifareClassicTag(rig.Driver, target!);

        var sector = await tag.ReadSectorAsync(1, MifareKeyType.KeyA, MifareClassicTag.DefaultKey, ct);
        var e = await Assert.ThrowsAsync<Pn532Exception>(() => tag.AuthenticateAsync(8, MifareKeyType.KeyB, new byte[6], ct));

        Assert.Equal("shelf 4, aisle 2"u8.ToArray(), sector[16..32]);
        Assert.Equal(new byte[6], sector[48..54]);
        Assert.Equal(Pn532Status.Authentication, e.Status);
    }
}

using EdgeGateway.Hardware.Emulation.Pn532;
using EdgeGateway.Hardware.Emulation.Pn532.Tags;
using EdgeGateway.Hardware.Nfc;
using EdgeGateway.Hardware.Nfc.Ndef;
using EdgeGateway.Hardware.Nfc.Ntag;
using EdgeGateway.Hardware.Pn532;

namespace EdgeGateway.Hardware.Emulation.Tests.Pn532;

/// <summary>The same driver scenarios over HSU (real SerialPort on a pty), I2C (I2cDevice) and SPI (SpiDevice, LSB first in software).</summary>
public class DriverOverEveryBusTests
{
    private static readonly byte[] Uid = Convert.FromHexString("04A22C7A4B5C80");

    public static TheoryData<string> Buses => ["hsu", "i2c", "spi"];

    [Theory]
    [MemberData(nameof(Buses))]
    public async Task Firmware_SAM_and_communication_test(string bus)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = EmulatorRig.Create(bus);

        var version = await rig.Driver.GetFirmwareVersionAsync(ct);
        await rig.Driver.SamConfigurationAsync(cancellationToken: ct);
        await rig.Driver.SetMaxRetriesAsync(0xFF, 0x01, 0x01, ct);
        var echoed = await rig.Driver.DiagnoseCommunicationAsync(new byte[] { 1, 2, 3, 0xAA, 0x55 }, ct);

        Assert.True(version.IsPn532);
        Assert.Equal("PN532 firmware 1.6 (ISO14443A ISO14443B ISO18092)", version.ToString());
        Assert.True(echoed);
    }

    [Theory]
    [MemberData(nameof(Buses))]
    public async Task Writes_a_URL_to_a_formatted_NTAG215_and_reads_it_back(string bus)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = EmulatorRig.Create(bus);
        rig.Chip.PlaceTag(new VirtualNtag(NtagType.Ntag215, Uid));

        var target = await rig.Driver.InListPassiveTargetAsync(null, ct);
        var reader = new NfcTagReader(rig.Driver);
        var tag = await reader.ActivateAsync(target!, ct);
        await tag.WriteNdefAsync(new NdefMessage([NdefRecord.CreateUri("https://shop.example/campaign/spring?tag=42")]), ct);
        var snapshot = await reader.ReadAsync(target!, ct);

        Assert.Equal(NfcTagKind.Ntag215, snapshot.Kind);
        Assert.Equal("04a22c7a4b5c80", snapshot.UidHex);
        Assert.Equal("https://shop.example/campaign/spring?tag=42", NdefUri.Decode(snapshot.Ndef.Records.Single().Payload));
        Assert.True(snapshot.SignaturePresent);
        Assert.Null(snapshot.Counter);
    }

    [Theory]
    [MemberData(nameof(Buses))]
    public async Task Reads_a_long_message_on_an_NTAG216_across_several_FAST_READs(string bus)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = EmulatorRig.Create(bus);
        rig.Chip.PlaceTag(new VirtualNtag(NtagType.Ntag216, Uid));
        var text = new string('x', 600);

        var target = await rig.Driver.InListPassiveTargetAsync(null, ct);
        var tag = await new NfcTagReader(rig.Driver).ActivateAsync(target!, ct);
        await tag.WriteNdefAsync(new NdefMessage([NdefRecord.CreateText(text, "de"), NdefRecord.CreateUri("tel:+4930123")]), ct);
        var message = await tag.ReadNdefAsync(ct);

        Assert.Equal((text, "de"), NdefText.Decode(message.Records[0].Payload));
        Assert.Equal("tel:+4930123", NdefUri.Decode(message.Records[1].Payload));
    }
}

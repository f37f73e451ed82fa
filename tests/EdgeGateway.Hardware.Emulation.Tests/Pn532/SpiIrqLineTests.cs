using System.Device.Gpio;
using EdgeGateway.Hardware.Emulation.Pn532;
using EdgeGateway.Hardware.Emulation.Pn532.Tags;
using EdgeGateway.Hardware.Nfc;
using EdgeGateway.Hardware.Nfc.Ntag;
using Pn532Driver = EdgeGateway.Hardware.Pn532.Pn532;

namespace EdgeGateway.Hardware.Emulation.Tests.Pn532;

/// <summary>SPI with the IRQ line wired: the transport waits on the pin instead of polling the status byte.</summary>
public class SpiIrqLineTests
{
    [Fact]
    public async Task A_tap_is_read_with_readiness_taken_from_the_IRQ_pin()
    {
        var ct = TestContext.Current.CancellationToken;
        var chip = new EmulatedPn532();
        chip.PlaceTag(NfcTestTags.WithUrl("https://irq.example/1"));
        var spi = new EmulatedPn532SpiDevice(chip);
        using var gpio = new GpioController(new EmulatedPn532IrqLine(spi, 23));
        using var driver = new Pn532Driver(spi, gpio, 23, EmulatorRig.FastOptions);

        Assert.True((await driver.GetFirmwareVersionAsync(ct)).IsPn532);
        var target = await driver.InListPassiveTargetAsync(null, ct);
        var snapshot = await new NfcTagReader(driver).ReadAsync(target!, ct);

        Assert.Equal(NfcTagKind.Ntag213, snapshot.Kind);
        Assert.Single(snapshot.Ndef.Records);
        Assert.False(spi.IsFrameReady);
        Assert.Equal(PinValue.High, gpio.Read(23));
    }
}

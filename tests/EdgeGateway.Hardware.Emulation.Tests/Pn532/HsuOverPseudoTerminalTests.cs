using EdgeGateway.Hardware.Emulation.Pn532;
using EdgeGateway.Hardware.Emulation.Pty;
using EdgeGateway.Hardware.Pn532;
using Pn532Driver = EdgeGateway.Hardware.Pn532.Pn532;

namespace EdgeGateway.Hardware.Emulation.Tests.Pn532;

/// <summary>The HSU driver on System.IO.Ports.SerialPort, opened on the slave of a real pty, against the emulator on the master.</summary>
public class HsuOverPseudoTerminalTests
{
    [Fact]
    public async Task GetFirmwareVersion_over_a_real_serial_port_returns_the_PN532_identity()
    {
        using var pty = new PseudoTerminal();
        var chip = new EmulatedPn532();
        await using var port = new EmulatedPn532HsuPort(chip, pty.Master);
        using var pn532 = new Pn532Driver(pty.SlavePath);

        var version = await pn532.GetFirmwareVersionAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new Pn532FirmwareVersion(0x32, 0x01, 0x06, 0x07), version);
        Assert.StartsWith("HSU /dev/pts/", pn532.TransportName, StringComparison.Ordinal);
        // Wake-up preamble (16) + GetFirmwareVersion frame (9) went over the line.
        Assert.Equal(25, port.BytesFromHost);
        Assert.Equal(6 + 13, port.BytesToHost);
    }
}

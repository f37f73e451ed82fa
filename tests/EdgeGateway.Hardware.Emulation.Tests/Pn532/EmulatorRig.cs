using EdgeGateway.Hardware.Emulation.Pn532;
using EdgeGateway.Hardware.Emulation.Pty;
using EdgeGateway.Hardware.Pn532;
using Pn532Driver = EdgeGateway.Hardware.Pn532.Pn532;

namespace EdgeGateway.Hardware.Emulation.Tests.Pn532;

/// <summary>An emulated PN532 and the real driver connected over one of the three buses.</summary>
public sealed class EmulatorRig : IAsyncDisposable
{
    private readonly PseudoTerminal? _pty;
    private readonly EmulatedPn532HsuPort? _port;

    private EmulatorRig(EmulatedPn532 chip, Pn532Driver driver, PseudoTerminal? pty = null, EmulatedPn532HsuPort? port = null)
    {
        Chip = chip;
        Driver = driver;
        _pty = pty;
        _port = port;
    }

    public EmulatedPn532 Chip { get; }

    public Pn532Driver Driver { get; }

    public static Pn532Options FastOptions => new()
    {
        // Generous for a loaded CI machine; a real PN532 ACKs within about a millisecond.
        AckTimeout = TimeSpan.FromMilliseconds(500),
        ResponseTimeout = TimeSpan.FromMilliseconds(1000),
    };

    public static EmulatorRig Create(string bus)
    {
        var chip = new EmulatedPn532();
        switch (bus)
        {
            case "hsu":
                var pty = new PseudoTerminal();
                var port = new EmulatedPn532HsuPort(chip, pty.Master);
                return new EmulatorRig(chip, new Pn532Driver(pty.SlavePath, FastOptions), pty, port);
            case "i2c":
                return new EmulatorRig(chip, new Pn532Driver(new EmulatedPn532I2cDevice(chip), FastOptions));
            case "spi":
                return new EmulatorRig(chip, new Pn532Driver(new EmulatedPn532SpiDevice(chip), null, -1, FastOptions));
            default:
                throw new ArgumentOutOfRangeException(nameof(bus), bus, "hsu, i2c or spi");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Driver.Dispose();
        if (_port is not null)
        {
            await _port.DisposeAsync();
        }

        _pty?.Dispose();
    }
}

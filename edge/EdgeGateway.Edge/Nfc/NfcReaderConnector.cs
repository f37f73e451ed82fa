using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using EdgeGateway.Hardware.Emulation.Links;
using EdgeGateway.Hardware.Emulation.Pn532;
using EdgeGateway.Hardware.Pn532;
using EdgeGateway.Hardware.Pn532.Transports;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Nfc;

/// <summary>
/// Opens the PN532 the options describe. In simulate mode the emulated chip lives as long as the
/// connector, so reconnects find the same chip (and tests can move tags or unplug it via <see cref="Simulator"/>).
/// </summary>
public sealed class NfcReaderConnector(IOptions<NfcOptions> options, TimeProvider timeProvider)
{
    private readonly NfcOptions _options = options.Value;

    /// <summary>The emulated PN532 in simulate mode; null for real hardware.</summary>
    public EmulatedPn532? Simulator { get; } =
        options.Value.Transport == NfcTransportKind.Simulate ? NfcSimulation.CreateReaderWithDemoTag() : null;

    public string Describe() => _options.Transport switch
    {
        NfcTransportKind.Hsu => $"HSU {_options.SerialPort}",
        NfcTransportKind.I2c => $"I2C bus {_options.I2cBus} address 0x{_options.I2cAddress:X2}",
        NfcTransportKind.Spi => $"SPI bus {_options.SpiBus} CS {_options.SpiChipSelect}",
        _ => "simulated PN532",
    };

    /// <summary>Opens the bus. Bus-level failures (no such device, no permission) are <see cref="Pn532Exception"/> with <see cref="Pn532Error.Transport"/>.</summary>
    public NfcReaderConnection Open()
    {
        var driverOptions = new Pn532Options { ResponseTimeout = _options.ResponseTimeout, TimeProvider = timeProvider };
        try
        {
            switch (_options.Transport)
            {
                case NfcTransportKind.Hsu:
                    return new NfcReaderConnection(new Pn532(_options.SerialPort, driverOptions));
                case NfcTransportKind.I2c:
                    var i2c = I2cDevice.Create(new I2cConnectionSettings(_options.I2cBus, _options.I2cAddress));
                    return new NfcReaderConnection(new Pn532(i2c, driverOptions));
                case NfcTransportKind.Spi:
                    var spi = SpiDevice.Create(new SpiConnectionSettings(_options.SpiBus, _options.SpiChipSelect)
                    {
                        Mode = SpiMode.Mode0,
                        ClockFrequency = _options.SpiClockHz,
                    });
                    var gpio = _options.SpiIrqPin >= 0 ? new GpioController() : null;
                    return new NfcReaderConnection(new Pn532(spi, gpio, _options.SpiIrqPin, driverOptions), null, gpio);
                default:
                    var link = new DuplexLink();
                    var port = new EmulatedPn532HsuPort(Simulator!, link.DeviceEnd);
                    var transport = new Pn532HsuTransport(link.HostEnd, "simulated HSU", timeProvider);
                    return new NfcReaderConnection(new Pn532(transport, driverOptions), port);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException
            or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            throw new Pn532Exception(Pn532Error.Transport, $"cannot open {Describe()}: {e.Message}", e);
        }
    }
}

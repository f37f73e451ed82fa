using EdgeGateway.Hardware.Emulation.Pn532;
using EdgeGateway.Hardware.Pn532;

namespace EdgeGateway.Edge.Nfc;

/// <summary>One open PN532 (and, in simulate mode, the emulator port behind it). Disposing closes the bus.</summary>
public sealed class NfcReaderConnection : IAsyncDisposable
{
    private readonly EmulatedPn532HsuPort? _simulatorPort;
    private readonly IDisposable? _gpio;

    internal NfcReaderConnection(Pn532 pn532, EmulatedPn532HsuPort? simulatorPort = null, IDisposable? gpio = null)
    {
        Pn532 = pn532;
        _simulatorPort = simulatorPort;
        _gpio = gpio;
    }

    public Pn532 Pn532 { get; }

    public async ValueTask DisposeAsync()
    {
        Pn532.Dispose();
        _gpio?.Dispose();
        if (_simulatorPort is not null)
        {
            await _simulatorPort.DisposeAsync();
        }
    }
}

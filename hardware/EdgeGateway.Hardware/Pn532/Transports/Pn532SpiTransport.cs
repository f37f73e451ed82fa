using System.Device.Gpio;
using System.Device.Spi;

namespace EdgeGateway.Hardware.Pn532.Transports;

/// <summary>
/// PN532 over SPI (UM0701-02 section 6.2.5): mode 0, LSB first. The Pi's SPI controller only shifts
/// MSB first, so every byte is bit-reversed here. Each transaction starts with a prefix: 0x01 data
/// write, 0x02 status read (bit 0 = ready), 0x03 data read. The optional IRQ pin (active low) replaces
/// status polling.
/// </summary>
public sealed class Pn532SpiTransport : Pn532Transport
{
    public const byte DataWrite = 0x01;
    public const byte StatusRead = 0x02;
    public const byte DataRead = 0x03;

    private readonly SpiDevice _device;
    private readonly GpioController? _gpio;
    private readonly int _irqPin;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _pollInterval;
    private readonly byte[] _tx = new byte[1 + 300];
    private readonly byte[] _rx = new byte[1 + 300];
    private bool _wakeUp = true;

    public Pn532SpiTransport(SpiDevice device, GpioController? gpio = null, int irqPin = -1,
        TimeProvider? timeProvider = null, TimeSpan? pollInterval = null)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _timeProvider = timeProvider ?? TimeProvider.System;
        _pollInterval = pollInterval ?? TimeSpan.FromMilliseconds(1);
        _gpio = gpio;
        _irqPin = irqPin;
        if (_gpio is not null && _irqPin >= 0)
        {
            _gpio.OpenPin(_irqPin, PinMode.InputPullUp);
        }

        Name = $"SPI bus {device.ConnectionSettings.BusId} CS {device.ConnectionSettings.ChipSelectLine}";
    }

    public override string Name { get; }

    public override bool ReadsWholeFrames => true;

    public override void PrepareWakeUp() => _wakeUp = true;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        if (_wakeUp)
        {
            // Chip select low wakes the PN532; it needs about 1 ms before it listens (UM0701-02 section 6.2.5).
            Transfer(2, StatusRead);
            Thread.Sleep(2);
            _wakeUp = false;
        }

        var length = frame.Length + 1;
        _tx[0] = DataWrite;
        frame.Span.CopyTo(_tx.AsSpan(1));
        Reverse(_tx.AsSpan(0, length));
        Guard(() => _device.Write(_tx.AsSpan(0, length)));
        return ValueTask.CompletedTask;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        while (!IsReady())
        {
            if (_timeProvider.GetElapsedTime(started) >= timeout)
            {
                return 0;
            }

            await Task.Delay(_pollInterval, _timeProvider, cancellationToken);
        }

        var length = Math.Min(buffer.Length, _rx.Length - 1);
        Transfer(length + 1, DataRead);
        _rx.AsSpan(1, length).CopyTo(buffer.Span);
        return length;
    }

    private bool IsReady()
    {
        if (_gpio is not null && _irqPin >= 0)
        {
            return _gpio.Read(_irqPin) == PinValue.Low;
        }

        Transfer(2, StatusRead);
        return (_rx[1] & 0x01) != 0;
    }

    // Sends the prefix and zeros, leaves what came back (already in LSB-first order) in _rx.
    private void Transfer(int length, byte prefix)
    {
        _tx.AsSpan(0, length).Clear();
        _tx[0] = Reverse(prefix);
        Guard(() => _device.TransferFullDuplex(_tx.AsSpan(0, length), _rx.AsSpan(0, length)));
        Reverse(_rx.AsSpan(0, length));
    }

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (IOException e)
        {
            throw new Pn532Exception(Pn532Error.Transport, $"{Name}: transfer failed: {e.Message}", e);
        }
    }

    /// <summary>Mirrors the bit order of a byte (LSB first on the wire from an MSB-first controller).</summary>
    public static byte Reverse(byte value) => (byte)(((value * 0x0202020202UL) & 0x010884422010UL) % 1023);

    private static void Reverse(Span<byte> bytes)
    {
        foreach (ref var b in bytes)
        {
            b = Reverse(b);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _device.Dispose();
            if (_gpio is not null && _irqPin >= 0 && _gpio.IsPinOpen(_irqPin))
            {
                _gpio.ClosePin(_irqPin);
            }
        }

        base.Dispose(disposing);
    }
}

using System.Device.I2c;

namespace EdgeGateway.Hardware.Pn532.Transports;

/// <summary>
/// PN532 over I2C (UM0701-02 section 6.2.4): 7-bit address 0x24. Every read transaction starts with a
/// status byte whose bit 0 says whether a frame is ready; the driver polls it with a deadline.
/// </summary>
public sealed class Pn532I2cTransport : Pn532Transport
{
    public const int DefaultAddress = 0x24;

    private readonly I2cDevice _device;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _pollInterval;
    private readonly byte[] _read = new byte[1 + 300];

    public Pn532I2cTransport(I2cDevice device, TimeProvider? timeProvider = null, TimeSpan? pollInterval = null)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _timeProvider = timeProvider ?? TimeProvider.System;
        _pollInterval = pollInterval ?? TimeSpan.FromMilliseconds(1);
        Name = $"I2C bus {device.ConnectionSettings.BusId} address 0x{device.ConnectionSettings.DeviceAddress:X2}";
    }

    public override string Name { get; }

    public override bool ReadsWholeFrames => true;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        try
        {
            _device.Write(frame.Span);
        }
        catch (IOException)
        {
            // A sleeping PN532 NAKs the address byte of the transaction that wakes it; the retry goes through.
            Thread.Sleep(2);
            Write(frame.Span);
        }

        return ValueTask.CompletedTask;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        while (true)
        {
            Read(_read.AsSpan(0, 1));
            if ((_read[0] & 0x01) != 0)
            {
                break;
            }

            if (_timeProvider.GetElapsedTime(started) >= timeout)
            {
                return 0;
            }

            await Task.Delay(_pollInterval, _timeProvider, cancellationToken);
        }

        var length = Math.Min(buffer.Length, _read.Length - 1);
        var span = _read.AsSpan(0, length + 1);
        Read(span);
        span[1..].CopyTo(buffer.Span);
        return length;
    }

    private void Write(ReadOnlySpan<byte> frame)
    {
        try
        {
            _device.Write(frame);
        }
        catch (IOException e)
        {
            throw new Pn532Exception(Pn532Error.NoAck, $"{Name}: write failed ({e.Message}); no device answers at this address", e);
        }
    }

    private void Read(Span<byte> buffer)
    {
        try
        {
            _device.Read(buffer);
        }
        catch (IOException e)
        {
            throw new Pn532Exception(Pn532Error.Transport, $"{Name}: read failed: {e.Message}", e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _device.Dispose();
        }

        base.Dispose(disposing);
    }
}

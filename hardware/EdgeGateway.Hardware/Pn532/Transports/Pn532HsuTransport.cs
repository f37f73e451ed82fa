using System.IO.Ports;

namespace EdgeGateway.Hardware.Pn532.Transports;

/// <summary>
/// PN532 over its high-speed UART (HSU): 115200 8N1, no flow control (UM0701-02 section 6.2.3).
/// A sleeping chip needs a wake-up preamble (0x55 0x55 then zeros) in front of the first frame.
/// </summary>
public sealed class Pn532HsuTransport : Pn532Transport
{
    public const int BaudRate = 115200;

    // 0x55 0x55 wakes the HSU; the zeros give the chip's oscillator time to start before the start code.
    private static readonly byte[] WakeUpPreamble = [0x55, 0x55, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly SerialPort? _port;
    private readonly Stream _stream;
    private readonly TimeProvider _timeProvider;
    private readonly byte[] _scratch = new byte[WakeUpPreamble.Length + 300];
    private bool _wakeUp = true;

    /// <summary>Opens <paramref name="portName"/> (e.g. /dev/ttyS0, /dev/ttyUSB0) at 115200 8N1.</summary>
    public Pn532HsuTransport(string portName, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(portName);
        _timeProvider = timeProvider ?? TimeProvider.System;
        Name = $"HSU {portName}";
        _port = new SerialPort(portName, BaudRate, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        try
        {
            _port.Open();
            _port.DiscardInBuffer();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            _port.Dispose();
            throw new Pn532Exception(Pn532Error.Transport, $"cannot open serial port {portName}: {e.Message}", e);
        }

        _stream = _port.BaseStream;
    }

    /// <summary>Uses an already connected byte stream (a TCP serial bridge, or an emulator link).</summary>
    public Pn532HsuTransport(Stream stream, string name = "HSU stream", TimeProvider? timeProvider = null)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _timeProvider = timeProvider ?? TimeProvider.System;
        Name = name;
    }

    public override string Name { get; }

    public override bool ReadsWholeFrames => false;

    public override void PrepareWakeUp() => _wakeUp = true;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        try
        {
            if (_wakeUp && frame.Length <= _scratch.Length - WakeUpPreamble.Length)
            {
                // One write, so the preamble and the frame leave back to back as the chip expects.
                WakeUpPreamble.CopyTo(_scratch, 0);
                frame.Span.CopyTo(_scratch.AsSpan(WakeUpPreamble.Length));
                await _stream.WriteAsync(_scratch.AsMemory(0, WakeUpPreamble.Length + frame.Length), cancellationToken);
                _wakeUp = false;
            }
            else
            {
                await _stream.WriteAsync(frame, cancellationToken);
            }

            await _stream.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            throw new Pn532Exception(Pn532Error.Transport, $"{Name}: write failed: {e.Message}", e);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            var read = await _stream.ReadAsync(buffer, linked.Token);
            if (read == 0)
            {
                throw new Pn532Exception(Pn532Error.Transport, $"{Name}: end of stream (device unplugged?)");
            }

            return read;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            throw new Pn532Exception(Pn532Error.Transport, $"{Name}: read failed: {e.Message}", e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (_port is not null)
            {
                _port.Dispose();
            }
            else
            {
                _stream.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}

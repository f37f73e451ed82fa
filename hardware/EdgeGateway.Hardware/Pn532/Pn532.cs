using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using EdgeGateway.Hardware.Pn532.Frames;
using EdgeGateway.Hardware.Pn532.Transports;

namespace EdgeGateway.Hardware.Pn532;

/// <summary>
/// NXP PN532 NFC controller. Construct it with the bus it sits on (a serial port name for HSU, an
/// <see cref="I2cDevice"/> at 0x24, or an <see cref="SpiDevice"/>), then call one method per command.
/// Commands are serialised: the chip handles one at a time.
/// </summary>
public sealed partial class Pn532 : IDisposable
{
    private readonly Pn532Transport _transport;
    private readonly Pn532Options _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _tx = new byte[Pn532FrameParser.MaxInformationLength + 16];
    private readonly byte[] _txData = new byte[Pn532FrameParser.MaxInformationLength];
    private readonly byte[] _rx = new byte[2048];
    private static readonly Pn532ParsedFrame TimedOut =
        new(Pn532ParseStatus.NeedMoreData, default, Pn532FrameError.None, 0, 0, 0, 0);

    private int _rxCount;

    /// <summary>HSU: opens the serial port at 115200 8N1.</summary>
    public Pn532(string serialPortName, Pn532Options? options = null)
        : this(new Pn532HsuTransport(serialPortName, options?.TimeProvider), options)
    {
    }

    /// <summary>I2C: the device must be at address 0x24 (<see cref="Pn532I2cTransport.DefaultAddress"/>).</summary>
    public Pn532(I2cDevice device, Pn532Options? options = null)
        : this(new Pn532I2cTransport(device, options?.TimeProvider), options)
    {
    }

    /// <summary>SPI mode 0 with chip select in <paramref name="device"/>; IRQ pin optional (BCM number, -1 = poll status).</summary>
    public Pn532(SpiDevice device, GpioController? gpio = null, int irqPin = -1, Pn532Options? options = null)
        : this(new Pn532SpiTransport(device, gpio, irqPin, options?.TimeProvider), options)
    {
    }

    public Pn532(Pn532Transport transport, Pn532Options? options = null)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _options = options ?? new Pn532Options();
        _transport.PrepareWakeUp();
    }

    public Pn532Counters Counters { get; } = new();

    public string TransportName => _transport.Name;

    /// <summary>
    /// Sends one command and returns the length of its response data (after D5 and the response code)
    /// copied into <paramref name="response"/>. Handles ACK, NACK, re-sends, stale frames and the abort.
    /// </summary>
    public async Task<int> ExecuteAsync(Pn532CommandCode command, ReadOnlyMemory<byte> parameters, Memory<byte> response,
        TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (parameters.Length + 1 > _txData.Length - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Length, "Too many parameter bytes for one frame.");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            Counters.Command();
            _txData[0] = (byte)command;
            parameters.Span.CopyTo(_txData.AsSpan(1));
            var frameLength = Pn532FrameWriter.WriteInformation(_tx, Pn532FrameWriter.HostToPn532, _txData.AsSpan(0, parameters.Length + 1));
            await SendAndAwaitAckAsync(command, frameLength, cancellationToken);
            return await ReceiveResponseAsync(command, response, timeout ?? _options.ResponseTimeout, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SendAndAwaitAckAsync(Pn532CommandCode command, int frameLength, CancellationToken cancellationToken)
    {
        // Nothing received before our command can belong to it: a late answer to an aborted command
        // with the same response code would otherwise be taken for this one's.
        _rxCount = 0;
        for (var attempt = 1; attempt <= _options.CommandAttempts; attempt++)
        {
            if (attempt > 1)
            {
                // The chip may have got the first frame after all (its ACK just late): abort that
                // execution so the re-sent command is not answered twice.
                await WriteAsync(Pn532FrameWriter.Ack.ToArray(), cancellationToken);
                _rxCount = 0;
            }

            await WriteAsync(_tx.AsMemory(0, frameLength), cancellationToken);
            var started = _options.TimeProvider.GetTimestamp();
            while (true)
            {
                var remaining = _options.AckTimeout - _options.TimeProvider.GetElapsedTime(started);
                var frame = await ReceiveFrameAsync(Pn532FrameWriter.Ack.Length, remaining, cancellationToken);
                if (frame.Status == Pn532ParseStatus.NeedMoreData)
                {
                    // A chip that slept through the frame wakes on the preamble of the next try.
                    _transport.PrepareWakeUp();
                    break;
                }

                Consume(frame);
                if (frame.Status == Pn532ParseStatus.Invalid)
                {
                    Counters.BadFrame();
                    continue;
                }

                if (frame.Kind == Pn532FrameKind.Ack)
                {
                    return;
                }

                if (frame.Kind == Pn532FrameKind.Nack)
                {
                    break;
                }

                if (frame.Kind == Pn532FrameKind.ApplicationError)
                {
                    throw new Pn532Exception(Pn532Error.SyntaxError, $"PN532 rejected the {command} frame as a syntax error.");
                }

                Counters.Stale();
            }
        }

        throw new Pn532Exception(Pn532Error.NoAck,
            $"no ACK from the PN532 to {command} over {_transport.Name} after {_options.CommandAttempts} attempts: " +
            "check power, wiring, the interface mode switch and the port/bus/address.");
    }

    private async Task<int> ReceiveResponseAsync(Pn532CommandCode command, Memory<byte> response, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var started = _options.TimeProvider.GetTimestamp();
        var nacks = 0;
        var expected = Pn532FrameWriter.InformationFrameSize(response.Length + 1);
        while (true)
        {
            var remaining = timeout - _options.TimeProvider.GetElapsedTime(started);
            var frame = await ReceiveFrameAsync(expected, remaining, cancellationToken);
            if (frame.Status == Pn532ParseStatus.NeedMoreData)
            {
                // The ACK tells the chip to drop the command, so the next one is not answered with this one's late result.
                Counters.Abort();
                await WriteAsync(Pn532FrameWriter.Ack.ToArray(), cancellationToken);
                _rxCount = 0;
                throw new Pn532Exception(Pn532Error.ResponseTimeout,
                    $"PN532 acknowledged {command} but did not answer within {timeout.TotalMilliseconds:0} ms; command aborted.");
            }

            if (frame.Status == Pn532ParseStatus.Invalid)
            {
                Consume(frame);
                Counters.BadFrame();
                if (nacks++ >= _options.NackRetries)
                {
                    throw new Pn532Exception(Pn532Error.BadFrame,
                        $"PN532 answer to {command} was corrupt ({frame.Error}) {nacks} times in a row.");
                }

                Counters.NackSent();
                await WriteAsync(Pn532FrameWriter.Nack.ToArray(), cancellationToken);
                continue;
            }

            if (frame.Kind == Pn532FrameKind.ApplicationError)
            {
                Consume(frame);
                throw new Pn532Exception(Pn532Error.SyntaxError, $"PN532 answered {command} with the syntax-error frame.");
            }

            if (frame.Kind != Pn532FrameKind.Information)
            {
                Consume(frame);
                continue;
            }

            var data = frame.Data(_rx.AsSpan(0, _rxCount));
            if (frame.Tfi(_rx) != Pn532FrameWriter.Pn532ToHost || data.Length == 0 || data[0] != (byte)command + 1)
            {
                Consume(frame);
                Counters.Stale();
                continue;
            }

            var length = data.Length - 1;
            if (length > response.Length)
            {
                Consume(frame);
                throw new Pn532Exception(Pn532Error.UnexpectedResponse,
                    $"PN532 answer to {command} has {length} bytes, more than the {response.Length} expected.");
            }

            data[1..].CopyTo(response.Span);
            Consume(frame);
            return length;
        }
    }

    // Returns a complete frame or Invalid, or NeedMoreData when the time ran out.
    private async ValueTask<Pn532ParsedFrame> ReceiveFrameAsync(int expectedSize, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _options.TimeProvider.GetTimestamp();
        while (true)
        {
            if (_rxCount > 0)
            {
                var frame = Pn532FrameParser.Parse(_rx.AsSpan(0, _rxCount));
                if (frame.Status != Pn532ParseStatus.NeedMoreData)
                {
                    return frame;
                }

                Counters.Garbage(frame.SkippedGarbage);
                Drop(_transport.ReadsWholeFrames ? _rxCount : frame.Consumed);
            }

            var remaining = timeout - _options.TimeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return TimedOut;
            }

            if (_rxCount == _rx.Length)
            {
                // A buffer full of bytes that never form a frame: noise on the line. Keep the tail only.
                Drop(_rxCount - 8);
            }

            var size = _transport.ReadsWholeFrames ? Math.Min(expectedSize, _rx.Length - _rxCount) : _rx.Length - _rxCount;
            var read = await _transport.ReadAsync(_rx.AsMemory(_rxCount, size), remaining, cancellationToken);
            if (read == 0)
            {
                return TimedOut;
            }

            _rxCount += read;
            Counters.Received(read);
        }
    }

    private void Consume(Pn532ParsedFrame frame)
    {
        Counters.Garbage(frame.SkippedGarbage);
        Drop(_transport.ReadsWholeFrames ? _rxCount : frame.Consumed);
    }

    private void Drop(int count)
    {
        count = Math.Clamp(count, 0, _rxCount);
        _rx.AsSpan(count, _rxCount - count).CopyTo(_rx);
        _rxCount -= count;
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _transport.WriteAsync(bytes, cancellationToken);
        Counters.Sent(bytes.Length);
    }

    public void Dispose()
    {
        _transport.Dispose();
        _gate.Dispose();
    }
}

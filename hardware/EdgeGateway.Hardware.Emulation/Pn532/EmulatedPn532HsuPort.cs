using System.Diagnostics;

namespace EdgeGateway.Hardware.Emulation.Pn532;

/// <summary>
/// Puts an <see cref="EmulatedPn532"/> on the device end of a byte stream (a pseudo-terminal master or a
/// <see cref="Links.DuplexLink"/>), as the chip's HSU would be on a UART. Optionally paces output at a
/// baud rate so timings over an instant link match a real 115200 8N1 line (10 bits per byte).
/// </summary>
public sealed class EmulatedPn532HsuPort : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _outputSignal = new(0);
    private readonly Task _reader;
    private readonly Task _writer;
    private readonly int _baudRate;

    public EmulatedPn532HsuPort(EmulatedPn532 chip, Stream deviceEnd, int baudRate = 0)
    {
        Chip = chip ?? throw new ArgumentNullException(nameof(chip));
        _stream = deviceEnd ?? throw new ArgumentNullException(nameof(deviceEnd));
        _baudRate = baudRate;
        Chip.OutputAvailable += OnOutput;
        _reader = Task.Run(ReadLoopAsync);
        _writer = Task.Run(WriteLoopAsync);
    }

    public EmulatedPn532 Chip { get; }

    public long BytesFromHost { get; private set; }

    public long BytesToHost { get; private set; }

    private void OnOutput(object? sender, EventArgs e) => _outputSignal.Release();

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[512];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var read = await _stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                BytesFromHost += read;
                await PaceAsync(read, _stop.Token);
                Chip.Receive(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The host closed its end or we are shutting down.
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await _outputSignal.WaitAsync(_stop.Token);
                while (Chip.TryTakeFrame(out var frame))
                {
                    await PaceAsync(frame.Length, _stop.Token);
                    await _stream.WriteAsync(frame, _stop.Token);
                    await _stream.FlushAsync(_stop.Token);
                    BytesToHost += frame.Length;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The host closed its end or we are shutting down.
        }
    }

    private async ValueTask PaceAsync(int bytes, CancellationToken cancellationToken)
    {
        if (_baudRate <= 0)
        {
            return;
        }

        // Spin for sub-millisecond precision: Task.Delay's ~1 ms granularity would swamp a 6-byte ACK (0.5 ms).
        var ticks = (long)(bytes * 10.0 / _baudRate * Stopwatch.Frequency);
        var until = Stopwatch.GetTimestamp() + ticks;
        while (Stopwatch.GetTimestamp() < until)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Chip.OutputAvailable -= OnOutput;
        await _stop.CancelAsync();
        await _stream.DisposeAsync();
        await Task.WhenAll(_reader, _writer);
        _stop.Dispose();
        _outputSignal.Dispose();
    }
}

using System.IO.Pipelines;

namespace EdgeGateway.Hardware.Emulation.Links;

/// <summary>
/// Two connected byte streams, like the two ends of a UART cable: what one end writes the other end
/// reads. The host-side driver gets <see cref="HostEnd"/> and an emulated chip <see cref="DeviceEnd"/>,
/// so the driver's framing code runs exactly as it does over a real serial port or HCI socket.
/// </summary>
public sealed class DuplexLink : IAsyncDisposable
{
    private readonly Pipe _hostToDevice;
    private readonly Pipe _deviceToHost;

    public DuplexLink()
    {
        // No back-pressure threshold surprises: a controller that floods reports must not block on a slow host
        // beyond what a real UART buffer would hold.
        var options = new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19,
            useSynchronizationContext: false);
        _hostToDevice = new Pipe(options);
        _deviceToHost = new Pipe(options);
        HostEnd = new PipeEnd(_deviceToHost.Reader, _hostToDevice.Writer);
        DeviceEnd = new PipeEnd(_hostToDevice.Reader, _deviceToHost.Writer);
    }

    public Stream HostEnd { get; }

    public Stream DeviceEnd { get; }

    public async ValueTask DisposeAsync()
    {
        await HostEnd.DisposeAsync();
        await DeviceEnd.DisposeAsync();
    }

    private sealed class PipeEnd(PipeReader reader, PipeWriter writer) : Stream
    {
        private readonly Stream _read = reader.AsStream();
        private readonly Stream _write = writer.AsStream();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => _read.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => _read.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _read.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _read.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count)
        {
            _write.Write(buffer, offset, count);
            _write.Flush();
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _write.Write(buffer);
            _write.Flush();
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await _write.WriteAsync(buffer, cancellationToken);
            await _write.FlushAsync(cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => _write.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _write.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                // Completing our writer is how the far end sees end-of-stream, like a cable being pulled.
                _write.Dispose();
                _read.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

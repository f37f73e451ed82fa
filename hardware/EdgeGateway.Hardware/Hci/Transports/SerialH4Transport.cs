using System.IO.Ports;

namespace EdgeGateway.Hardware.Hci.Transports;

/// <summary>
/// H4 over a UART (a Pi's onboard controller on /dev/ttyAMA0 or serial0, or a USB-serial HCI board):
/// 8N1 at the configured baud, RTS/CTS flow control on by default because H4 has no other way to
/// keep a busy host from losing bytes.
/// </summary>
public static class SerialH4Transport
{
    public static Stream Open(string portName, int baudRate, bool rtsCts = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(portName);
        ArgumentOutOfRangeException.ThrowIfLessThan(baudRate, 1200);
        var port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = rtsCts ? Handshake.RequestToSend : Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = 2000,
        };
        try
        {
            port.Open();
        }
        catch (UnauthorizedAccessException ex)
        {
            port.Dispose();
            throw new HciTransportException(
                $"{portName} is not accessible: add the service user to the `dialout` group, and make sure hciattach/hciuart "
                + "or bluetoothd does not hold the port (`sudo systemctl disable --now hciuart bluetooth`)", ex);
        }
        catch (IOException ex)
        {
            port.Dispose();
            throw new HciTransportException($"{portName} could not be opened: {ex.Message} (check the path; on a Pi use /dev/serial1 for the onboard radio)", ex);
        }
        catch (ArgumentException ex)
        {
            port.Dispose();
            throw new HciTransportException($"{portName} is not a serial port name: {ex.Message}", ex);
        }

        port.DiscardInBuffer();
        return new SerialPortStream(port);
    }

    /// <summary>The port's stream, owning the port so disposing the stream closes it.</summary>
    private sealed class SerialPortStream(SerialPort port) : Stream
    {
        private readonly Stream _inner = port.BaseStream;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            _inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Flush() => _inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                port.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

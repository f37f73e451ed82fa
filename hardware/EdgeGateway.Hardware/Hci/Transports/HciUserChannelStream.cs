using System.Runtime.InteropServices;

namespace EdgeGateway.Hardware.Hci.Transports;

/// <summary>
/// A blocking socket descriptor as a Stream. Reads poll in short slices so cancellation and disposal are
/// noticed without signals; each read returns at most one whole HCI packet, as the kernel delivers them.
/// </summary>
internal sealed class HciUserChannelStream(int fd, int device) : Stream
{
    private const int PollSliceMs = 100;
    private int _fd = fd;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => ReadCore(buffer, CancellationToken.None);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Factory.StartNew(() => ReadCore(buffer.Span, cancellationToken), cancellationToken,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        var fd = Descriptor();
        fixed (byte* p = buffer)
        {
            // One write per packet: the user channel takes exactly one H4 packet per call.
            var written = LibcHci.Write(fd, p, buffer.Length);
            if (written < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new HciTransportException(Message("write", errno), errno);
            }
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = LibcHci.Close(fd);
        }

        base.Dispose(disposing);
    }

    private unsafe int ReadCore(Span<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fd = _fd;
            if (fd < 0)
            {
                return 0;
            }

            var poll = new LibcHci.PollFd { Fd = fd, Events = LibcHci.PollIn };
            var ready = LibcHci.Poll(&poll, 1, PollSliceMs);
            if (ready < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == LibcHci.Eintr)
                {
                    continue;
                }

                throw new HciTransportException(Message("poll", errno), errno);
            }

            if (ready == 0 || _fd < 0)
            {
                // Timeout slice, or the stream was disposed while polling: re-check cancellation and the descriptor.
                continue;
            }

            if ((poll.Revents & (LibcHci.PollErr | LibcHci.PollHup)) != 0 && (poll.Revents & LibcHci.PollIn) == 0)
            {
                throw new HciTransportException($"hci{device} went away (controller unplugged or reset by the kernel)");
            }

            fixed (byte* p = buffer)
            {
                var read = LibcHci.Read(fd, p, buffer.Length);
                if (read >= 0)
                {
                    return (int)read;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno is LibcHci.Eintr or LibcHci.Eagain)
                {
                    continue;
                }

                throw new HciTransportException(Message("read", errno), errno);
            }
        }
    }

    private int Descriptor() => _fd >= 0 ? _fd : throw new ObjectDisposedException(nameof(HciUserChannelStream));

    private string Message(string call, int errno) => errno switch
    {
        LibcHci.Enetdown or LibcHci.Enodev or LibcHci.Eio => $"{call} on hci{device} failed (errno {errno}): the controller went away",
        _ => HciUserChannelErrors.Describe(call, errno, device),
    };
}

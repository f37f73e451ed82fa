using System.ComponentModel;
using System.Runtime.InteropServices;

namespace EdgeGateway.Hardware.Emulation.Pty;

/// <summary>
/// The master fd of a pseudo-terminal as a <see cref="Stream"/>. Reads poll in short slices so a
/// cancelled or disposed stream never leaves a thread stuck in read(2).
/// </summary>
internal sealed class PtyMasterStream(int fd) : Stream
{
    private const short PollIn = 0x001;
    private const int EAgain = 11;
    private const int EIntr = 4;
    private const int EIo = 5;
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

    public override int Read(byte[] buffer, int offset, int count) => ReadCore(buffer, offset, count, CancellationToken.None);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        StartRead(buffer, offset, count, cancellationToken);

    private Task<int> StartRead(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => ReadCore(buffer, offset, count, cancellationToken), cancellationToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var temp = new byte[buffer.Length];
        var read = await StartRead(temp, 0, temp.Length, cancellationToken);
        temp.AsSpan(0, read).CopyTo(buffer.Span);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        var chunk = offset == 0 ? buffer : buffer[offset..(offset + count)];
        var done = 0;
        while (done < count)
        {
            var part = done == 0 ? chunk : chunk[done..];
            var written = (int)PseudoTerminal.write(Fd, part, count - done);
            if (written < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is EAgain or EIntr)
                {
                    Thread.Sleep(1);
                    continue;
                }

                throw new IOException("write to pty master failed", new Win32Exception(errno));
            }

            done += written;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.ToArray(), 0, buffer.Length);
        return ValueTask.CompletedTask;
    }

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
            _ = PseudoTerminal.close(fd);
        }

        base.Dispose(disposing);
    }

    private int Fd => _fd >= 0 ? _fd : throw new ObjectDisposedException(nameof(PtyMasterStream));

    private int ReadCore(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var fds = new PseudoTerminal.PollFd[1];
        var temp = new byte[count];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            fds[0] = new PseudoTerminal.PollFd { Fd = Fd, Events = PollIn };
            var ready = PseudoTerminal.poll(fds, 1, 50);
            if (ready <= 0)
            {
                continue;
            }

            var read = (int)PseudoTerminal.read(Fd, temp, count);
            if (read < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is EAgain or EIntr)
                {
                    continue;
                }

                if (errno == EIo)
                {
                    // EIO on the master means no process has the slave open (yet, or any more): wait.
                    Thread.Sleep(10);
                    continue;
                }

                throw new IOException("read from pty master failed", new Win32Exception(errno));
            }

            temp.AsSpan(0, read).CopyTo(buffer.AsSpan(offset));
            return read;
        }
    }
}

using System.Diagnostics;

namespace EdgeGateway.Installer.Flashing;

/// <summary>
/// The standard output of a decompressor: at its end the process's exit code is checked, so a truncated or
/// corrupt archive fails the flash instead of leaving a card with half an image.
/// </summary>
internal sealed class ExitCheckedStream(Process process) : Stream
{
    private readonly Stream _inner = process.StandardOutput.BaseStream;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => CheckEnd(_inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        CheckEnd(await _inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int CheckEnd(int read)
    {
        if (read == 0)
        {
            var error = process.StandardError.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidDataException($"decompressing the image failed (exit {process.ExitCode}): {error}");
            }
        }

        return read;
    }
}

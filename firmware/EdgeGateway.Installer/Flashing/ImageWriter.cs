using System.Diagnostics;
using System.Security.Cryptography;

namespace EdgeGateway.Installer.Flashing;

/// <summary>
/// Copies an image to a card (or an image file) in 4 MiB blocks, syncs it to the medium, drops it from the page
/// cache and reads it all back, comparing block by block: a fake-capacity or worn-out card that does not keep
/// what it was given is caught here, with the offset, rather than at the gateway's first boot.
/// </summary>
public sealed class ImageWriter(FlashProgress progress)
{
    public const int BlockSize = 4 * 1024 * 1024;

    public async Task<FlashResult> WriteAsync(ImageSource image, string target, bool targetIsFile, CancellationToken cancellationToken)
    {
        var blockHashes = new List<byte[]>();
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BlockSize];
        var written = 0L;
        var writeClock = Stopwatch.StartNew();
        progress.Start("Writing", image.Length);
        await using (var output = new FileStream(target, targetIsFile ? FileMode.Create : FileMode.Open, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            while (true)
            {
                var filled = await image.Stream.ReadAtLeastAsync(buffer, BlockSize, throwOnEndOfStream: false, cancellationToken);
                if (filled == 0)
                {
                    break;
                }

                var block = buffer.AsMemory(0, filled);
                blockHashes.Add(SHA256.HashData(block.Span));
                whole.AppendData(block.Span);
                await output.WriteAsync(block, cancellationToken);
                written += filled;
                progress.Report(written);
            }

            if (written == 0)
            {
                throw new InvalidDataException($"image {image.Path} is empty");
            }

            output.Flush(flushToDisk: true);
            TryDropCache(output.SafeFileHandle);
        }

        progress.Finish(written);
        var writeTime = writeClock.Elapsed;
        var verifyTime = await VerifyAsync(target, written, blockHashes, buffer, cancellationToken);
        return new FlashResult(written, Convert.ToHexStringLower(whole.GetHashAndReset()), writeTime, verifyTime);
    }

    private async Task<TimeSpan> VerifyAsync(string target, long length, List<byte[]> expected, byte[] buffer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        progress.Start("Verifying", length);
        await using var input = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        TryDropCache(input.SafeFileHandle);
        var read = 0L;
        for (var index = 0; index < expected.Count; index++)
        {
            var wanted = (int)Math.Min(BlockSize, length - read);
            var got = await input.ReadAtLeastAsync(buffer.AsMemory(0, wanted), wanted, throwOnEndOfStream: false, cancellationToken);
            if (got < wanted || !SHA256.HashData(buffer.AsSpan(0, wanted)).AsSpan().SequenceEqual(expected[index]))
            {
                progress.Finish(read);
                throw new InvalidDataException(
                    $"read-back verification failed in the block at byte {read:N0} ({read / (1024 * 1024)} MiB): the card did not keep what was written; use another card (fake-capacity and worn-out cards fail like this)");
            }

            read += wanted;
            progress.Report(read);
        }

        progress.Finish(read);
        return clock.Elapsed;
    }

    private static void TryDropCache(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        try
        {
            PageCache.Drop(handle);
        }
        catch (IOException)
        {
            // Some character devices refuse the advice; the comparison below still catches what it can.
        }
    }
}

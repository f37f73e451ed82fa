using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EdgeGateway.Installer.Flashing;

/// <summary>
/// Drops a file's or device's pages from the kernel cache after they are on the medium, so the read-back
/// verification reads the card and not the copy in memory that was just written.
/// </summary>
internal static class PageCache
{
    private const int DontNeed = 4; // POSIX_FADV_DONTNEED on Linux

    public static void Drop(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var result = NativeMethods.posix_fadvise((int)handle.DangerousGetHandle(), 0, 0, DontNeed);
        if (result != 0)
        {
            // Not fatal: verification still runs, only against what the cache may hold.
            throw new IOException($"posix_fadvise(DONTNEED) failed with error {result}");
        }
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // one call per flash
        [DllImport("libc")]
        internal static extern int posix_fadvise(int fd, long offset, long length, int advice);
#pragma warning restore SYSLIB1054
    }
}

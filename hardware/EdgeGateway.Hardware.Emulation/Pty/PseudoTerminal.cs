using System.ComponentModel;
using System.Runtime.InteropServices;

namespace EdgeGateway.Hardware.Emulation.Pty;

/// <summary>
/// A Linux pseudo-terminal pair in raw mode. The slave (<see cref="SlavePath"/>, /dev/pts/N) is what a
/// driver opens with System.IO.Ports.SerialPort, so the real serial code path runs; the emulator talks
/// on <see cref="Master"/>. posix_openpt/grantpt/unlockpt/ptsname_r, then cfmakeraw + tcsetattr so the
/// line discipline passes every byte untouched (no echo, no CR/LF mapping, no signals).
/// </summary>
public sealed partial class PseudoTerminal : IDisposable
{
    private const int OpenReadWrite = 0x2;
    private const int OpenNoControllingTty = 0x100;
    private const int TermiosSize = 60;
    private const int TcsaNow = 0;

    private readonly PtyMasterStream _master;

    public PseudoTerminal()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Pseudo-terminal pairs are implemented for Linux only.");
        }

        var fd = posix_openpt(OpenReadWrite | OpenNoControllingTty);
        if (fd < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "posix_openpt failed");
        }

        try
        {
            Check(grantpt(fd), "grantpt");
            Check(unlockpt(fd), "unlockpt");
            var name = new byte[128];
            Check(ptsname_r(fd, name, name.Length), "ptsname_r");
            SlavePath = System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));

            var termios = new byte[TermiosSize + 64];
            Check(tcgetattr(fd, termios), "tcgetattr");
            cfmakeraw(termios);
            Check(tcsetattr(fd, TcsaNow, termios), "tcsetattr");
        }
        catch
        {
            _ = close(fd);
            throw;
        }

        _master = new PtyMasterStream(fd);
    }

    /// <summary>The slave device path, e.g. /dev/pts/3.</summary>
    public string SlavePath { get; }

    /// <summary>The master side as a stream (reads poll so they can be cancelled).</summary>
    public Stream Master => _master;

    public void Dispose() => _master.Dispose();

    private static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"{call} failed");
        }
    }

    // DllImport (not LibraryImport): the marshalling is blittable and this keeps the project free of unsafe code.
#pragma warning disable SYSLIB1054, CA5392 // libc only; see comment above.
    [DllImport("libc", SetLastError = true)]
    private static extern int posix_openpt(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int grantpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlockpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int ptsname_r(int fd, byte[] buffer, nint length);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcgetattr(int fd, byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcsetattr(int fd, int optionalActions, byte[] termios);

    [DllImport("libc")]
    private static extern void cfmakeraw(byte[] termios);

    [DllImport("libc", SetLastError = true)]
    internal static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    internal static extern nint read(int fd, byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    internal static extern nint write(int fd, byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    internal static extern int poll(PollFd[] fds, nuint count, int timeoutMs);
#pragma warning restore SYSLIB1054, CA5392

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}

using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EdgeGateway.Hardware.Emulation.Tests.Controller;

/// <summary>
/// A raw-mode Linux pseudo-terminal: the slave path is opened by the real serial transport
/// (System.IO.Ports), the emulated controller talks on the master. Test-local so the H4-over-UART path
/// runs on a real tty without hardware.
/// </summary>
internal sealed class PtyPair : IDisposable
{
    private const int OpenReadWrite = 0x2;
    private const int OpenNoControllingTty = 0x100;
    private const int TcsaNow = 0;

    public PtyPair()
    {
        var fd = posix_openpt(OpenReadWrite | OpenNoControllingTty);
        if (fd < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "posix_openpt");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        Check(grantpt(fd), "grantpt");
        Check(unlockpt(fd), "unlockpt");
        var name = new byte[128];
        Check(ptsname_r(fd, name, name.Length), "ptsname_r");
        SlavePath = System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        var termios = new byte[256];
        Check(tcgetattr(fd, termios), "tcgetattr");
        cfmakeraw(termios);
        Check(tcsetattr(fd, TcsaNow, termios), "tcsetattr");
        Master = new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0);
    }

    public string SlavePath { get; }

    public Stream Master { get; }

    public void Dispose() => Master.Dispose();

    private static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), call);
        }
    }

#pragma warning disable SYSLIB1054, CA5392 // Plain libc calls with blittable arguments; LibraryImport would need unsafe code in the test project.
    [DllImport("libc", SetLastError = true)]
    private static extern int posix_openpt(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int grantpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlockpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int ptsname_r(int fd, byte[] buffer, int length);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcgetattr(int fd, byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcsetattr(int fd, int actions, byte[] termios);

    [DllImport("libc")]
    private static extern void cfmakeraw(byte[] termios);
#pragma warning restore SYSLIB1054, CA5392
}

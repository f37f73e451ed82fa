using System.Runtime.InteropServices;

namespace EdgeGateway.Testing.Tools;

/// <summary>Sends POSIX signals by PID, so fixtures can stop a server gracefully (SIGTERM) or crash it (SIGKILL).</summary>
public static class PosixSignal
{
    public const int Terminate = 15;
    public const int Kill = 9;
    public const int Stop = 19;
    public const int Continue = 18;

    public static void Send(int pid, int signal)
    {
        if (NativeMethods.kill(pid, signal) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            const int noSuchProcess = 3;
            if (errno != noSuchProcess)
            {
                throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {errno}");
            }
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // a single trivial call; source-generated marshalling buys nothing here
        internal static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
    }
}

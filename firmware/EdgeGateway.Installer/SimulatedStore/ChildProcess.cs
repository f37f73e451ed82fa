using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EdgeGateway.Installer.SimulatedStore;

/// <summary>One part of the simulated store (broker, bridge, gateway) as a child process whose output is prefixed with its name.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;

    private ChildProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    public event Action<string>? Line;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ChildProcess Start(string name, string executable, IEnumerable<string> arguments, TextWriter output, string workingDirectory)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name);
        void Forward(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.WriteLine($"[{name}] {line}");
            }

            child.Line?.Invoke(line);
        }

        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {name} ({executable})");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGTERM and wait (the parts shut down gracefully: the gateway flushes its outbox); SIGKILL after the grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = NativeMethods.kill(_process.Id, 15);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                Console.Error.WriteLine($"[{_name}] did not stop within 15 s; killed");
            }
        }

        _process.Dispose();
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // one call at shutdown
        [DllImport("libc", SetLastError = true)]
        internal static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
    }
}

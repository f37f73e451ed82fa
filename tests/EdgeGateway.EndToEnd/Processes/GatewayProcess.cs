using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.EndToEnd.Processes;

/// <summary>
/// A real `edgegw run` process (the apphost built next to this test assembly), with its own data
/// directory, a free diagnostics port, and a fake systemd notify socket so tests can see READY=1 and
/// STOPPING=1. Stopped with SIGTERM (graceful) or SIGKILL (crash).
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();
    private readonly Socket _notify;
    private readonly TaskCompletionSource<string> _password = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    private GatewayProcess(string dataDirectory, int port, IReadOnlyList<string> extraArguments)
    {
        DataDirectory = dataDirectory;
        Port = port;
        ExtraArguments = extraArguments;
        NotifySocketPath = Path.Combine(dataDirectory, $"notify-{Guid.NewGuid():N}.sock");
        _notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        _notify.Bind(new UnixDomainSocketEndPoint(NotifySocketPath));
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public IReadOnlyList<string> ExtraArguments { get; }

    public string NotifySocketPath { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public string Password => _password.Task.IsCompletedSuccessfully ? _password.Task.Result : throw new InvalidOperationException("not started");

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts `edgegw run --simulate` and waits until it prints its page address and password.</summary>
    public static async Task<GatewayProcess> StartSimulatedAsync(IReadOnlyList<string>? extraArguments = null, string? dataDirectory = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("egw-proc-").FullName;
        var gateway = new GatewayProcess(dataDirectory, FreePort.Next(), extraArguments ?? []);
        await gateway.StartAsync();
        return gateway;
    }

    public async Task StartAsync()
    {
        var startInfo = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "edgegw"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["run", "--simulate", "--set", $"Diagnostics:Port={Port}", "--set", $"Gateway:DataDirectory={DataDirectory}", .. ExtraArguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["NOTIFY_SOCKET"] = NotifySocketPath;
        startInfo.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var started = await Task.WhenAny(_password.Task, process.WaitForExitAsync(), Task.Delay(StartDeadline));
        if (started != _password.Task)
        {
            throw new InvalidOperationException($"edgegw did not come up (exit code {ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}):\n{Output}");
        }
    }

    /// <summary>The next sd_notify datagram the daemon sent, or null when none arrives in time.</summary>
    public async Task<string?> NextNotificationAsync(TimeSpan timeout)
    {
        var buffer = new byte[1024];
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var read = await _notify.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGTERM, as systemd stops a unit; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? grace = null)
    {
        if (_process is not { HasExited: false } process)
        {
            return ExitCode ?? -1;
        }

        PosixSignal.Send(process.Id, PosixSignal.Terminate);
        using var deadline = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(deadline.Token);
        return process.ExitCode;
    }

    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            PosixSignal.Send(process.Id, PosixSignal.Kill);
            process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            Kill();
        }

        _process?.Dispose();
        _notify.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory does not make a test wrong.
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _output.AppendLine(line);
        }

        var match = PasswordLine().Match(line);
        if (match.Success)
        {
            _password.TrySetResult(match.Groups[1].Value);
        }
    }

    [GeneratedRegex("^Technician password: (\\S+)")]
    private static partial Regex PasswordLine();
}

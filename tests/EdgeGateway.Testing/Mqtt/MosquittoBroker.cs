using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.Testing.Mqtt;

/// <summary>
/// A real mosquitto process on 127.0.0.1 with its own configuration in a private temp directory
/// (persistence off). Tests stop it gracefully, kill it, or restart it on the same port to simulate
/// broker outages.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly string _executable;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private Process? _process;

    private MosquittoBroker(string executable, string directory, int port)
    {
        _executable = executable;
        Directory = directory;
        Port = port;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The broker's private directory: its config, and any files the test asked for.</summary>
    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "mosquitto.conf");

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything mosquitto wrote to stdout/stderr so far (its log goes there).</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<MosquittoBroker> StartAsync(
        MosquittoOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MosquittoOptions();
        var executable = ExternalProgram.Mosquitto.Require();
        var directory = System.IO.Directory.CreateTempSubdirectory("egw-mosquitto-").FullName;
        var port = options.Port != 0 ? options.Port : FreePort.Next();
        var broker = new MosquittoBroker(executable, directory, port);
        broker.WriteConfiguration(options);
        try
        {
            await broker.StartProcessAsync(cancellationToken);
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }

        return broker;
    }

    /// <summary>Starts the broker again on the same port after a stop or kill.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("mosquitto is still running; stop or kill it first");
        }

        return StartProcessAsync(cancellationToken);
    }

    /// <summary>SIGTERM and wait; SIGKILL if it does not exit within a few seconds.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        PosixSignal.Send(process.Id, PosixSignal.Terminate);
        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>SIGHUP: mosquitto reloads its ACL and password files (tests rewrite them in <see cref="Directory"/> first).</summary>
    public void ReloadConfiguration()
    {
        const int hangup = 1;
        if (_process is { HasExited: false } process)
        {
            PosixSignal.Send(process.Id, hangup);
        }
    }

    /// <summary>SIGKILL: the broker disappears without closing connections cleanly.</summary>
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
        await StopAsync();
        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the test over it is not.
        }
    }

    private void WriteConfiguration(MosquittoOptions options)
    {
        foreach (var (name, content) in options.Files)
        {
            File.WriteAllText(Path.Combine(Directory, name), content);
        }

        var config = new StringBuilder();
        // Running as root, mosquitto would switch to the 'mosquitto' user and lose access to the temp dir.
        if (Environment.UserName == "root")
        {
            config.AppendLine("user root");
        }

        config.AppendLine("persistence false");
        config.AppendLine("log_dest stderr");
        config.AppendLine("log_type error");
        config.AppendLine("log_type warning");
        config.AppendLine("log_type notice");
        config.AppendLine("log_type information");
        config.AppendLine("connection_messages true");
        config.AppendLine("log_timestamp true");
        config.AppendLine(options.GlobalConfiguration.Replace("{dir}", Directory, StringComparison.Ordinal));
        config.AppendLine(CultureInfo.InvariantCulture, $"listener {Port} 127.0.0.1");
        config.AppendLine(CultureInfo.InvariantCulture, $"allow_anonymous {(options.AllowAnonymous ? "true" : "false")}");
        config.AppendLine(options.ExtraConfiguration.Replace("{dir}", Directory, StringComparison.Ordinal));
        File.WriteAllText(ConfigPath, config.ToString());
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        _process?.Dispose();
        var startInfo = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(ConfigPath);
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartDeadline;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException(
                    $"mosquitto exited with code {process.ExitCode} at start on port {Port}:\n{Output}");
            }

            if (await FreePort.IsListeningAsync(Port, cancellationToken))
            {
                return;
            }

            await Task.Delay(25, cancellationToken);
        }

        Kill();
        throw new TimeoutException($"mosquitto did not listen on 127.0.0.1:{Port} within {StartDeadline}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.EndToEnd.Bridge;

/// <summary>
/// `edgegw-bridge run` as a real child process, so a test can SIGKILL it mid-burst and start it again
/// with the same MQTT client id (and so the same broker session).
/// </summary>
public sealed class BridgeProcess : IAsyncDisposable
{
    public const string Token = "e2e-token-0123456789abcdef";

    private readonly string[] _arguments;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private Process? _process;

    private BridgeProcess(string[] arguments, int apiPort)
    {
        _arguments = arguments;
        ApiPort = apiPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort.ToString(CultureInfo.InvariantCulture)}") };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", Token);
    }

    public int ApiPort { get; }

    public HttpClient Http { get; }

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

    /// <param name="settings">Further `Key=Value` settings passed as `--set` (connectors, NFC rules).</param>
    public static async Task<BridgeProcess> StartAsync(int mqttPort, string clientId, string group, string postgres, IReadOnlyList<string>? settings = null)
    {
        var apiPort = FreePort.Next();
        var bridge = new BridgeProcess(
        [
            "run",
            "--set", $"Mqtt:Port={mqttPort.ToString(CultureInfo.InvariantCulture)}",
            "--set", $"Mqtt:ClientId={clientId}",
            "--set", $"Mqtt:SharedGroup={group}",
            "--set", "Mqtt:ReconnectDelayMs=100",
            "--set", "Store:Kind=postgres",
            "--set", $"Store:PostgresConnectionString={postgres}",
            "--set", $"Api:Url=http://127.0.0.1:{apiPort.ToString(CultureInfo.InvariantCulture)}",
            "--set", $"Api:Tokens:0={Token}",
            .. (settings ?? []).SelectMany(setting => new[] { "--set", setting }),
        ], apiPort);
        await bridge.StartAgainAsync();
        return bridge;
    }

    /// <summary>Starts (again) with the same arguments and waits until /health says ok.</summary>
    public async Task StartAgainAsync()
    {
        _process?.Dispose();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BridgeAssembly());
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"edgegw-bridge exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"edgegw-bridge did not become healthy:\n{Output}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>SIGKILL: no clean disconnect, no chance to commit or acknowledge what is in flight.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            PosixSignal.Send(process.Id, PosixSignal.Kill);
            process.WaitForExit();
        }
    }

    public async Task<double> MetricAsync(string series)
    {
        var text = await Http.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            PosixSignal.Send(process.Id, PosixSignal.Terminate);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        _process?.Dispose();
        Http.Dispose();
    }

    private static string BridgeAssembly()
    {
        // The project reference copies the bridge next to the tests; fall back to its own output folder.
        var beside = Path.Combine(AppContext.BaseDirectory, "edgegw-bridge.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "edgegw-bridge.runtimeconfig.json")))
        {
            return beside;
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "EdgeGateway.sln")))
        {
            root = root.Parent;
        }

        return Path.Combine(root!.FullName, "cloud-bridge", "EdgeGateway.CloudBridge", "bin", configuration, "net10.0", "edgegw-bridge.dll");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_outputLock)
            {
                _output.AppendLine(line);
            }
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Installer.SimulatedStore;

/// <summary>
/// A whole store on one machine, on loopback: mosquitto, the cloud bridge with its embedded store, and a
/// gateway with emulated radio and NFC, wired together the way a real shop and cloud are.
/// </summary>
public sealed class SimulatedStoreRunner(TextWriter output)
{
    public sealed record Settings(string DataDirectory, int BrokerPort, int GatewayPort, int BridgePort, int Beacons);

    public async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var mosquitto = FindMosquitto()
            ?? throw new InvalidOperationException("the simulated store needs mosquitto: sudo apt-get install -y mosquitto");
        Directory.CreateDirectory(settings.DataDirectory);
        var brokerPort = settings.BrokerPort != 0 ? settings.BrokerPort : FreePort(1883);
        var gatewayPort = settings.GatewayPort != 0 ? settings.GatewayPort : FreePort(8080);
        var bridgePort = settings.BridgePort != 0 ? settings.BridgePort : FreePort(8081);
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var here = AppContext.BaseDirectory;

        var config = Path.Combine(settings.DataDirectory, "mosquitto.conf");
        await File.WriteAllTextAsync(config,
            $"{(Environment.UserName == "root" ? "user root\n" : "")}persistence false\nlog_dest stderr\nlog_type error\nlog_type warning\nlistener {brokerPort} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n",
            cancellationToken);

        await using var broker = ChildProcess.Start("broker", mosquitto, ["-c", config], output, settings.DataDirectory);
        await WaitForPortAsync(brokerPort, "mosquitto", broker, cancellationToken);
        await using var bridge = ChildProcess.Start("bridge", Path.Combine(here, "edgegw-bridge"),
        [
            "run", "--set", "Mqtt:Host=127.0.0.1", "--set", $"Mqtt:Port={brokerPort}", "--set", "Mqtt:ClientId=simulated-store-bridge",
            "--set", $"Store:LiteDbPath={Path.Combine(settings.DataDirectory, "fleet.db")}",
            "--set", $"Api:Url=http://127.0.0.1:{bridgePort}", "--set", $"Api:Tokens:0={token}",
        ], output, settings.DataDirectory);
        var password = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var gateway = ChildProcess.Start("gateway", Path.Combine(here, "edgegw"),
        [
            "run", "--simulate", "--set", $"Gateway:DataDirectory={Path.Combine(settings.DataDirectory, "gateway")}",
            "--set", $"Diagnostics:Port={gatewayPort}", "--set", "Uplink:Host=127.0.0.1", "--set", $"Uplink:Port={brokerPort}",
            "--set", "Uplink:UseTls=false", "--set", $"Scanning:SimulatedBeacons={settings.Beacons}",
        ], output, settings.DataDirectory);
        gateway.Line += line =>
        {
            const string prefix = "Technician password: ";
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                password.TrySetResult(line[prefix.Length..]);
            }
        };

        var started = await Task.WhenAny(password.Task, Task.Delay(TimeSpan.FromSeconds(60), cancellationToken));
        if (started != password.Task)
        {
            throw new InvalidOperationException("the gateway did not come up within 60 s; see its output above");
        }

        var technicianPassword = await password.Task;
        lock (output)
        {
            output.WriteLine();
            output.WriteLine($"  Diagnostic page:      http://127.0.0.1:{gatewayPort}/   (technician password: {technicianPassword})");
            output.WriteLine($"  Cloud fleet API:      http://127.0.0.1:{bridgePort}/api/v1/beacons/   (Authorization: Token {token})");
            output.WriteLine($"  MQTT broker:          mqtt://127.0.0.1:{brokerPort}   (topics gw/v1/#)");
            output.WriteLine($"  Data:                 {settings.DataDirectory}");
            output.WriteLine("  Press Ctrl+C to stop everything.");
            output.WriteLine();
        }

        try
        {
            while (!broker.HasExited && !bridge.HasExited && !gateway.HasExited)
            {
                await Task.Delay(500, cancellationToken);
            }

            output.WriteLine("a part of the simulated store exited unexpectedly; stopping the rest");
            return 1;
        }
        catch (OperationCanceledException)
        {
            output.WriteLine("stopping: gateway, bridge, broker…");
            return 0;
        }
    }

    private static readonly string[] MosquittoLocations = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/local/bin/mosquitto"];

    private static string? FindMosquitto() => MosquittoLocations.FirstOrDefault(File.Exists);

    /// <summary>The preferred port when it is free (so the usual URLs work), else any free one.</summary>
    private static int FreePort(int preferred)
    {
        foreach (var candidate in new[] { preferred, 0 })
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, candidate);
                listener.Start();
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            catch (SocketException)
            {
                // Taken: fall through to an ephemeral port.
            }
        }

        throw new InvalidOperationException("no free TCP port on loopback");
    }

    private static async Task WaitForPortAsync(int port, string what, ChildProcess process, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{what} exited with code {process.ExitCode} at start; see its output above");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new TimeoutException($"{what} did not listen on 127.0.0.1:{port}");
    }
}

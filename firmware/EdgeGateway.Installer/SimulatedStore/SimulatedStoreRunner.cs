namespace EdgeGateway.Installer.SimulatedStore;

/// <summary>
/// A whole store on one machine, on loopback: a broker (mosquitto, else a built-in one), the cloud bridge with its embedded store, and a
/// gateway with emulated radio and NFC, wired together the way a real shop and cloud are.
/// </summary>
public sealed class SimulatedStoreRunner(TextWriter output)
{
    public sealed record Settings(string DataDirectory, int BrokerPort, int GatewayPort, int BridgePort, int Beacons, BrokerChoice Broker = BrokerChoice.Auto);

    public async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.DataDirectory);
        var brokerPort = settings.BrokerPort != 0 ? settings.BrokerPort : LoopbackPort.FreeOrAny(1883);
        var gatewayPort = settings.GatewayPort != 0 ? settings.GatewayPort : LoopbackPort.FreeOrAny(8080);
        var bridgePort = settings.BridgePort != 0 ? settings.BridgePort : LoopbackPort.FreeOrAny(8081);
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var here = AppContext.BaseDirectory;

        await using var broker = await StartBrokerAsync(settings, brokerPort, cancellationToken);
        lock (output)
        {
            output.WriteLine($"broker: {broker.Description}");
        }

        await using var bridge = ChildProcess.Start("bridge", Path.Combine(here, "edgegw-bridge"),
        [
            "run", "--set", "Mqtt:Host=127.0.0.1", "--set", $"Mqtt:Port={brokerPort}", "--set", "Mqtt:ClientId=simulated-store-bridge",
            "--set", $"Mqtt:SharedGroup={(broker.SupportsSharedSubscriptions ? "edgegw-bridge" : "")}",
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
            output.WriteLine($"  MQTT broker:          mqtt://127.0.0.1:{brokerPort}   (topics gw/v1/#; {(broker.SupportsSharedSubscriptions ? "mosquitto" : "built-in")})");
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

    private async Task<IStoreBroker> StartBrokerAsync(Settings settings, int port, CancellationToken cancellationToken)
    {
        var mosquitto = MosquittoStoreBroker.Find();
        switch (settings.Broker)
        {
            case BrokerChoice.Mosquitto when mosquitto is null:
                throw new InvalidOperationException("--broker mosquitto: mosquitto is not installed (sudo apt-get install -y mosquitto)");
            case BrokerChoice.Auto or BrokerChoice.Mosquitto when mosquitto is not null:
                return await MosquittoStoreBroker.StartAsync(mosquitto, port, settings.DataDirectory, output, cancellationToken);
            default:
                if (settings.Broker == BrokerChoice.Auto)
                {
                    lock (output)
                    {
                        output.WriteLine("mosquitto is not installed; using the built-in broker (sudo apt-get install -y mosquitto for the real one)");
                    }
                }

                return await BuiltInStoreBroker.StartAsync(port);
        }
    }
}

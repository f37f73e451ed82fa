using System.CommandLine;
using EdgeGateway.Installer.SimulatedStore;

namespace EdgeGateway.Installer.Cli;

/// <summary>`gatewayctl simulate-store`: a whole shop and its cloud on this machine, for demos and newcomers.</summary>
internal static class SimulateStoreVerb
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "working directory for the broker, bridge store and gateway (default: a temp folder)" };
        var brokerPort = new Option<int>("--broker-port") { Description = "MQTT port (default 1883 when free)" };
        var gatewayPort = new Option<int>("--page-port") { Description = "diagnostic page port (default 8080 when free)" };
        var bridgePort = new Option<int>("--api-port") { Description = "fleet API port (default 8081 when free)" };
        var beacons = new Option<int>("--beacons") { Description = "virtual beacons in the shop", DefaultValueFactory = _ => 40 };
        var broker = new Option<BrokerChoice>("--broker")
        {
            Description = "auto (mosquitto when installed, else built-in), mosquitto, or builtin (MQTTnet, in memory, no shared subscriptions)",
            DefaultValueFactory = _ => BrokerChoice.Auto,
        };
        var command = new Command("simulate-store", "Run a simulated store on loopback: an MQTT broker, the cloud bridge, and a gateway with emulated radio and NFC")
        {
            data, brokerPort, gatewayPort, bridgePort, beacons, broker,
        };
        command.SetAction((result, ct) => CliErrors.RunAsync(result.InvocationConfiguration.Error, () =>
        {
            var directory = result.GetValue(data) ?? Path.Combine(Path.GetTempPath(), $"edgegw-store-{Environment.UserName}");
            return new SimulatedStoreRunner(result.InvocationConfiguration.Output).RunAsync(
                new SimulatedStoreRunner.Settings(directory, result.GetValue(brokerPort), result.GetValue(gatewayPort), result.GetValue(bridgePort), result.GetValue(beacons), result.GetValue(broker)),
                ct);
        }));
        return command;
    }
}

using System.CommandLine;
using System.Text.Json;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Serialization;

namespace EdgeGateway.Edge.Cli;

/// <summary>`edgegw beacon set --id … --tx-power … --interval-ms …`: apply, read back and print the report the daemon would send.</summary>
internal static class BeaconSetCommand
{
    public static Command Build()
    {
        var radio = new RadioCliOptions();
        var txPower = new Option<int?>("--tx-power") { Description = "radio TX power in dBm (-40..20); the beacon may round up to a level it supports" };
        var interval = new Option<int?>("--interval-ms") { Description = "advertising interval in milliseconds (20..10240)" };
        var command = new Command("set", "Set a beacon's TX power and/or advertising interval, read it back and print the outcome") { txPower, interval };
        radio.AddTo(command);
        command.SetAction(async (ParseResult result, CancellationToken ct) =>
        {
            var change = new BeaconDesired { BeaconId = result.GetValue(BeaconCommand.Id)!, TxPowerDbm = result.GetValue(txPower), IntervalMs = result.GetValue(interval) };
            var problem = change.TxPowerDbm is null && change.IntervalMs is null ? "give --tx-power, --interval-ms or both"
                : change.TxPowerDbm is < -40 or > 20 ? "--tx-power must be -40..20 dBm"
                : change.IntervalMs is < 20 or > 10_240 ? "--interval-ms must be 20..10240"
                : null;
            if (problem is not null)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"edgegw beacon set: {problem}");
                return 2;
            }

            return await BeaconCommand.RunAsync(result, radio, "set", async (configurator, output, token) =>
            {
                var report = await configurator.ApplyAsync(change, token);
                await output.WriteLineAsync(JsonSerializer.Serialize(report, ProtocolJsonContext.Default.BeaconReported));
                if (report.State == BeaconConfigStates.Failed)
                {
                    await result.InvocationConfiguration.Error.WriteLineAsync($"edgegw beacon set: {change.BeaconId}: {report.Reason}: {report.Detail}");
                    return 1;
                }

                return 0;
            }, ct);
        });
        return command;
    }
}

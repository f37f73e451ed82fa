using System.CommandLine;
using System.Globalization;

namespace EdgeGateway.Edge.Cli;

/// <summary>`edgegw beacon get --id …`: connect, unlock when a key is held, read TX power, interval and capabilities, disconnect.</summary>
internal static class BeaconGetCommand
{
    public static Command Build()
    {
        var radio = new RadioCliOptions();
        var command = new Command("get", "Read a beacon's TX power, advertising interval and supported power levels");
        radio.AddTo(command);
        command.SetAction((ParseResult result, CancellationToken ct) => BeaconCommand.RunAsync(result, radio, "get", async (configurator, output, token) =>
        {
            var id = result.GetValue(BeaconCommand.Id)!;
            var (settings, failure) = await configurator.ReadAsync(id, token);
            if (settings is null)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"edgegw beacon get: {id}: {failure!.Reason}: {failure.Detail}");
                return 1;
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{id}: TX power {settings.TxPowerDbm} dBm, interval {settings.IntervalMs} ms, advertised {settings.AdvertisedTxPowerDbm?.ToString(CultureInfo.InvariantCulture) ?? "-"} dBm at 0 m, {settings.LockState}, supported powers {string.Join(' ', settings.Capabilities.TxPowerLevels)} dBm"));
            return 0;
        }, ct));
        return command;
    }
}

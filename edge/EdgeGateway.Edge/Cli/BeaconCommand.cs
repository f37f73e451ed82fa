using System.CommandLine;
using EdgeGateway.Edge.BeaconConfig;
using EdgeGateway.Edge.Scanning;
using EdgeGateway.Edge.Tracking;
using EdgeGateway.Hardware.Hci;
using EdgeGateway.Hardware.Hci.Transports;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Edge.Cli;

/// <summary>
/// `edgegw beacon get|set`: configure one beacon over GATT from a technician's shell, through the same
/// <see cref="BeaconConfigurator"/> the daemon uses. Opens the radio itself (stop the daemon first: the user channel is exclusive),
/// scans until it hears the beacon, then runs the session.
/// </summary>
internal static class BeaconCommand
{
    public static readonly Option<string> Id = new("--id")
    {
        Description = "beacon id as in heartbeats (ibeacon:uuid:major:minor, eddystone:namespace:instance) or its address",
        Required = true,
        Recursive = true,
    };

    public static readonly Option<string> LockKeyFile = new("--lock-key-file")
    {
        Description = "lock keys (JSON, mode 0600)",
        DefaultValueFactory = _ => "/var/lib/edgegw/beacon-keys.json",
        Recursive = true,
    };

    public static readonly Option<double> HearSeconds = new("--hear-seconds")
    {
        Description = "how long to listen for the beacon before and after the change",
        DefaultValueFactory = _ => 15,
        Recursive = true,
    };

    public static Command Build()
    {
        var command = new Command("beacon", "Read or set a beacon's TX power and advertising interval over GATT (Eddystone configuration service)");
        command.Options.Add(Id);
        command.Options.Add(LockKeyFile);
        command.Options.Add(HearSeconds);
        command.Subcommands.Add(BeaconGetCommand.Build());
        command.Subcommands.Add(BeaconSetCommand.Build());
        return command;
    }

    /// <summary>Opens the radio, builds the configurator on it and runs <paramref name="work"/>; radio problems are exit code 3.</summary>
    public static async Task<int> RunAsync(ParseResult result, RadioCliOptions radio, string verb,
        Func<BeaconConfigurator, TextWriter, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        var error = result.InvocationConfiguration.Error;
        var (options, problem) = radio.Read(result);
        var hear = result.GetValue(HearSeconds);
        if (options is null || hear is < 0 or > 300)
        {
            await error.WriteLineAsync($"edgegw beacon {verb}: {problem ?? "--hear-seconds must be 0-300"}");
            return 2;
        }

        var time = TimeProvider.System;
        var tracker = new BeaconTracker(new TrackingOptions { LostAfter = TimeSpan.FromSeconds(60), TrackUnknownDevices = true });
        var pipeline = new ReportPipeline(tracker, time);
        if (await CliRadio.OpenAsync($"beacon {verb}", options, pipeline, time, error, cancellationToken) is not { } session)
        {
            return CliRadio.Unavailable;
        }

        await using (session)
        {
            var settings = new BeaconConfigOptions { HearTimeout = TimeSpan.FromSeconds(hear) };
            var configurator = new BeaconConfigurator(tracker, () => session, new BeaconLockKeys(result.GetValue(LockKeyFile)!), settings, time, NullLogger.Instance);
            return await work(configurator, result.InvocationConfiguration.Output, cancellationToken);
        }
    }
}

using System.CommandLine;

namespace EdgeGateway.Edge.Cli;

/// <summary>
/// The `edgegw` command tree. Each verb lives in its own file under Cli/ and is added here, so
/// `edgegw --help` always lists exactly the verbs that exist.
/// </summary>
internal static class EdgeCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "edgegw - EdgeGateway store-gateway daemon: BLE beacons, PN532 NFC, durable outbox, MQTT uplink.");
        root.Subcommands.Add(RunVerb.Create());
        root.Subcommands.Add(DecodeVerb.Create());
        root.Subcommands.Add(ScanVerb.Create());
        root.Subcommands.Add(NfcCommand.Build());
        root.Subcommands.Add(BeaconCommand.Build());
        return root;
    }
}

using System.CommandLine;

namespace EdgeGateway.CloudBridge.Cli;

/// <summary>The `edgegw-bridge` command tree; each verb lives in its own file under Cli/.</summary>
internal static class BridgeCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "edgegw-bridge - EdgeGateway cloud bridge: MQTT ingest, fleet store, platform connectors.");
        root.Subcommands.Add(RunCommand.Create());
        return root;
    }
}

using System.CommandLine;

namespace EdgeGateway.Installer.Cli;

/// <summary>The `gatewayctl` command tree; each verb lives in its own file under Cli/.</summary>
internal static class InstallerCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "gatewayctl - EdgeGateway installer tool: fleet PKI, bundles, flashing, provisioning, labels, self-test.");
        root.Subcommands.Add(FleetVerb.Create());
        root.Subcommands.Add(ProvisionVerb.Create());
        root.Subcommands.Add(BundleVerb.Create());
        root.Subcommands.Add(FlashVerb.Create());
        root.Subcommands.Add(LabelVerb.Create());
        root.Subcommands.Add(SelfTestVerb.Create());
        root.Subcommands.Add(SimulateStoreVerb.Create());
        return root;
    }
}

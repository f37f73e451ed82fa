using System.CommandLine;
using EdgeGateway.Installer.Provisioning;

namespace EdgeGateway.Installer.Cli;

/// <summary>`gatewayctl provision`: one gateway's identity onto its SD card's boot partition.</summary>
internal static class ProvisionVerb
{
    public static Command Create()
    {
        var site = new Option<string>("--site") { Description = "site (shop) the gateway is installed in", Required = true };
        var gatewayId = new Option<string>("--gateway-id") { Description = "the gateway's identity (MQTT client id and topic level)", Required = true };
        var broker = new Option<string>("--broker") { Description = "broker URL, e.g. mqtts://broker.example.com:8883", Required = true };
        var fleet = new Option<string>("--fleet") { Description = "fleet directory from `gatewayctl fleet init`", Required = true };
        var output = new Option<string>("--out") { Description = "the card's boot partition (e.g. /media/$USER/bootfs)", Required = true };
        var force = new Option<bool>("--force") { Description = "replace another gateway's identity on this card" };
        var rotate = new Option<bool>("--rotate-password") { Description = "issue a new technician password for this gateway" };
        var command = new Command("provision", "Write a gateway's settings, certificate, key and technician password hash onto its boot partition")
        {
            site, gatewayId, broker, fleet, output, force, rotate,
        };
        command.SetAction((result, _) => CliErrors.RunAsync(result.InvocationConfiguration.Error, () =>
        {
            if (!Uri.TryCreate(result.GetValue(broker), UriKind.Absolute, out var brokerUri))
            {
                throw new ArgumentException($"--broker '{result.GetValue(broker)}' is not a URL; use mqtts://host:8883");
            }

            var request = new ProvisioningRequest(result.GetValue(gatewayId)!, result.GetValue(site)!, brokerUri,
                result.GetValue(fleet)!, result.GetValue(output)!, result.GetValue(force), result.GetValue(rotate));
            var outcome = new GatewayProvisioner(TimeProvider.System).Provision(request);
            var stdout = result.InvocationConfiguration.Output;
            if (!outcome.Changed)
            {
                stdout.WriteLine($"{outcome.Layout.Directory} already provisioned as {outcome.Record.GatewayId} at {outcome.Record.Site}; nothing changed");
                return Task.FromResult(0);
            }

            stdout.WriteLine($"provisioned {request.GatewayId} (site {request.Site}, broker {brokerUri}) into {outcome.Layout.Directory}");
            stdout.WriteLine($"certificate serial {outcome.Record.CertificateSerial}, valid to {outcome.Record.CertificateNotAfter:yyyy-MM-dd}");
            stdout.WriteLine(outcome.Password is null
                ? "technician password unchanged"
                : $"technician password: {outcome.Password}   (shown once; print the label now: gatewayctl label --gateway-id {request.GatewayId} --site {request.Site} --password-stdin --out label.pdf)");
            return Task.FromResult(0);
        }));
        return command;
    }
}

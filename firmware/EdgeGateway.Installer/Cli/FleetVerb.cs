using System.CommandLine;
using EdgeGateway.Installer.Pki;

namespace EdgeGateway.Installer.Cli;

/// <summary>`gatewayctl fleet init`: the fleet CA, the broker's certificate and configuration, the bridges' certificates.</summary>
internal static class FleetVerb
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "fleet directory to create (keep it safe: it holds the CA key)", Required = true };
        var brokerHosts = new Option<string[]>("--broker-host")
        {
            Description = "DNS name or IP address gateways dial (repeatable; the first is the certificate's CN)",
            Required = true,
        };
        var port = new Option<int>("--port") { Description = "broker TLS port", DefaultValueFactory = _ => 8883 };
        var bridges = new Option<string[]>("--bridge-id")
        {
            Description = "cloud bridge identities to issue client certificates for (repeatable)",
            DefaultValueFactory = _ => ["bridge"],
        };
        var name = new Option<string>("--name") { Description = "fleet name in the CA's subject", DefaultValueFactory = _ => "EdgeGateway" };
        var caCert = new Option<string?>("--ca-cert") { Description = "use this existing CA certificate (PEM) instead of creating one" };
        var caKey = new Option<string?>("--ca-key") { Description = "the existing CA's private key (PEM)" };

        var init = new Command("init", "Create a fleet CA (or import one), the broker's TLS certificate, mosquitto config + ACL, and bridge certificates")
        {
            output, brokerHosts, port, bridges, name, caCert, caKey,
        };
        init.SetAction((result, _) => CliErrors.RunAsync(result.InvocationConfiguration.Error, () =>
        {
            var request = new FleetInitializer.Request(
                result.GetValue(output)!,
                result.GetValue(name)!,
                result.GetValue(brokerHosts) ?? [],
                result.GetValue(bridges) ?? [],
                result.GetValue(port),
                result.GetValue(caCert),
                result.GetValue(caKey));
            var stdout = result.InvocationConfiguration.Output;
            var layout = new FleetInitializer(TimeProvider.System, stdout).Initialize(request);
            stdout.WriteLine($"next: mosquitto -c {layout.MosquittoConfiguration}, then gatewayctl provision --fleet {layout.Directory} …");
            return Task.FromResult(0);
        }));

        return new Command("fleet", "Fleet public-key infrastructure and broker configuration") { init };
    }
}

using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Connectors.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Connectors.Footprints;

/// <summary>Plugs the Footprints connector into the bridge when its section is configured.</summary>
internal sealed class FootprintsModule : IConnectorModule
{
    public string Name => FootprintsConnector.ConnectorName;

    public PlatformHttpOptions Section(BridgeOptions options) => options?.Connectors.Footprints ?? throw new ArgumentNullException(nameof(options));

    public void Register(IServiceCollection services, BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = options.Connectors.Footprints;
        services.AddSingleton<IConnector>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var redactor = new SecretRedactor(section.Key, section.Secret);
            var authenticator = new FootprintsTokenAuthenticator(section, redactor, time);
            var client = new PlatformClient(Name, section, redactor, sp.GetRequiredService<ConnectorStatusBoard>(), time, sp.GetRequiredService<ILoggerFactory>(), authenticator);
            authenticator.Client = client;
            return new FootprintsConnector(client, section, sp.GetRequiredService<ILogger<FootprintsConnector>>());
        });
    }
}

using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Connectors.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Connectors.Beaconstac;

/// <summary>Plugs the Beaconstac-style connector (event handler + config poller) into the bridge when its section is configured.</summary>
internal sealed class BeaconstacModule : IConnectorModule
{
    public string Name => BeaconstacConnector.ConnectorName;

    public PlatformHttpOptions Section(BridgeOptions options) => options?.Connectors.Beaconstac ?? throw new ArgumentNullException(nameof(options));

    public void Register(IServiceCollection services, BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = options.Connectors.Beaconstac;
        services.AddSingleton(section);
        services.AddSingleton(sp => new PlatformClient(
            Name, section, new SecretRedactor(section.Token), sp.GetRequiredService<ConnectorStatusBoard>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(), new BeaconstacTokenAuthenticator(section.Token!)));
        services.AddSingleton(sp => new BeaconstacApi(sp.GetRequiredService<PlatformClient>(), section));
        services.AddSingleton<BeaconstacCatalog>();
        services.AddSingleton<BeaconstacConnector>();
        services.AddSingleton<IConnector>(sp => sp.GetRequiredService<BeaconstacConnector>());
        services.AddSingleton<BeaconstacPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<BeaconstacPoller>());
    }
}

using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Connectors.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Connectors.Xerts;

/// <summary>Plugs the Xerts connector into the bridge when `Connectors:Xerts` is configured.</summary>
public sealed class XertsModule : IConnectorModule
{
    public string Name => XertsCouponAction.ConnectorName;

    public PlatformHttpOptions Section(BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Connectors.Xerts;
    }

    public void Register(IServiceCollection services, BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = options.Connectors.Xerts;
        NfcActionServices.Add(services, options);
        services.AddSingleton(sp => new XertsClient(new PlatformClient(
            Name, section, new SecretRedactor(section.ApiKey), sp.GetRequiredService<ConnectorStatusBoard>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(), new ApiKeyHeaderAuthenticator("API-Key", section.ApiKey!))));
        services.AddSingleton<IConnector>(sp => new ActionConnector(Name, new XertsCouponAction(sp.GetRequiredService<XertsClient>(), section), sp.GetRequiredService<NfcActionRunner>()));
    }
}

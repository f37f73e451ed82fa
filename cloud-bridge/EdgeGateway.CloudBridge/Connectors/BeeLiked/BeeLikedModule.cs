using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Connectors.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Connectors.BeeLiked;

/// <summary>Plugs the BeeLiked connector into the bridge when `Connectors:BeeLiked` is configured.</summary>
public sealed class BeeLikedModule : IConnectorModule
{
    public string Name => BeeLikedEntryAction.ConnectorName;

    public PlatformHttpOptions Section(BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Connectors.BeeLiked;
    }

    public void Register(IServiceCollection services, BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = options.Connectors.BeeLiked;
        NfcActionServices.Add(services, options);
        services.AddSingleton<IConnector>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var redactor = new SecretRedactor(section.ClientSecret, section.EntryLinkSecretKey);
            var authenticator = new BeeLikedAuthenticator(section, redactor, time);
            var client = new PlatformClient(Name, section, redactor, sp.GetRequiredService<ConnectorStatusBoard>(), time, sp.GetRequiredService<ILoggerFactory>(), authenticator);
            authenticator.Client = client;
            return new ActionConnector(Name, new BeeLikedEntryAction(client, section), sp.GetRequiredService<NfcActionRunner>());
        });
    }
}

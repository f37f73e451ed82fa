using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Connectors.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Connectors.WifiVouchers;

/// <summary>Plugs the Wi-Fi voucher connector (action, clean-up, footfall) into the bridge when `Connectors:WifiVouchers` is configured.</summary>
public sealed class WifiVouchersModule : IConnectorModule
{
    public string Name => WifiVoucherAction.ConnectorName;

    public PlatformHttpOptions Section(BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Connectors.WifiVouchers;
    }

    public void Register(IServiceCollection services, BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = options.Connectors.WifiVouchers;
        NfcActionServices.Add(services, options);
        services.AddSingleton(section);
        services.AddSingleton(sp => new WifiVoucherClient(
            new PlatformClient(
                Name, section, new SecretRedactor(section.ApiKey), sp.GetRequiredService<ConnectorStatusBoard>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>(), new ApiKeyHeaderAuthenticator("X-API-Key", section.ApiKey!)),
            section));
        services.AddSingleton<WifiVenueDirectory>();
        services.AddSingleton<WifiVoucherAction>();
        services.AddSingleton<IConnector>(sp => new ActionConnector(Name, sp.GetRequiredService<WifiVoucherAction>(), sp.GetRequiredService<NfcActionRunner>()));
        services.AddSingleton<WifiVoucherMaintenance>();
        services.AddHostedService(sp => sp.GetRequiredService<WifiVoucherMaintenance>());
    }
}

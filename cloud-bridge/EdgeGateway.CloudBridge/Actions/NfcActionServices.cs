using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Ingest;
using EdgeGateway.CloudBridge.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeGateway.CloudBridge.Actions;

/// <summary>Registers the NFC rule table, ledger, command sender and runner once, whichever action connectors are enabled.</summary>
internal static class NfcActionServices
{
    public static void Add(IServiceCollection services, BridgeOptions options)
    {
        services.TryAddSingleton(options.NfcActions);
        services.TryAddSingleton<NfcActionRules>();
        // Both fleet stores keep the ledger next to the fleet, in the same database.
        services.TryAddSingleton(sp => (INfcActionLedger)sp.GetRequiredService<IFleetStore>());
        services.TryAddSingleton(sp => new GatewayCommandSender(
            () => sp.GetRequiredService<IMqttPublisher>(), sp.GetRequiredService<NfcActionsOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<NfcActionRunner>();
    }
}

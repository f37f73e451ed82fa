using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>Registers the connector machinery and every connector whose options section is configured.</summary>
public static class ConnectorServices
{
    /// <summary>All connector modules of this assembly, by name.</summary>
    public static IReadOnlyList<IConnectorModule> Modules() =>
        [.. typeof(ConnectorServices).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IConnectorModule).IsAssignableFrom(t))
            .Select(t => (IConnectorModule)Activator.CreateInstance(t)!)
            .OrderBy(m => m.Name, StringComparer.Ordinal)];

    public static void Add(IServiceCollection services, BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var enabled = new List<ConnectorRegistration>();
        foreach (var module in Modules())
        {
            var section = module.Section(options);
            if (!section.IsConfigured)
            {
                continue;
            }

            module.Register(services, options);
            enabled.Add(new ConnectorRegistration(module.Name, section));
        }

        services.AddSingleton<IReadOnlyList<ConnectorRegistration>>(enabled);
        services.AddSingleton<ConnectorStatusBoard>();
        services.AddSingleton<FleetLookup>();
        services.AddSingleton(sp => new ConnectorBacklog(
            // Nothing to queue without a connector: no file, so bridges without connectors never contend for one.
            enabled.Count == 0 ? ConnectorBacklog.InMemory : options.Connectors.QueuePath,
            sp.GetServices<IConnector>(),
            enabled.ToDictionary(r => r.Name, r => r.Options.MaxQueueDepth, StringComparer.Ordinal),
            sp.GetRequiredService<ConnectorStatusBoard>(),
            sp.GetRequiredService<BridgeMetrics>(),
            sp.GetRequiredService<ILogger<ConnectorBacklog>>()));
        services.AddHostedService<ConnectorDispatcher>();
    }
}

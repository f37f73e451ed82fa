using EdgeGateway.CloudBridge.Config;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// How a connector plugs into the bridge. Implementations (one per platform, with a public parameterless
/// constructor) are found in this assembly at start-up, so adding a connector touches no shared file.
/// </summary>
public interface IConnectorModule
{
    /// <summary>Same as the connector's <see cref="IConnector.Name"/>.</summary>
    string Name { get; }

    /// <summary>The connector's options section inside <paramref name="options"/>.</summary>
    PlatformHttpOptions Section(BridgeOptions options);

    /// <summary>Adds the connector (as <see cref="IConnector"/>) and anything it runs on its own (pollers as hosted services). Called only when its section is configured.</summary>
    void Register(IServiceCollection services, BridgeOptions options);
}

using EdgeGateway.CloudBridge.Connectors.Beaconstac;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>The Beaconstac-style platform's section.</summary>
public sealed partial class ConnectorsOptions
{
    public BeaconstacOptions Beaconstac { get; } = new();
}

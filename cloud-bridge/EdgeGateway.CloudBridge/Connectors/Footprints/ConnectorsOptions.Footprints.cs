using EdgeGateway.CloudBridge.Connectors.Footprints;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>The Footprints platform's section.</summary>
public sealed partial class ConnectorsOptions
{
    public FootprintsOptions Footprints { get; } = new();
}

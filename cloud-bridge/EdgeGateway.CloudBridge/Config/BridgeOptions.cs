using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Config;

/// <summary>The whole configuration of one bridge instance, bound from appsettings JSON and EDGEGW_BRIDGE_ environment variables.</summary>
public sealed class BridgeOptions
{
    public MqttOptions Mqtt { get; } = new();

    public StoreOptions Store { get; } = new();

    public ApiOptions Api { get; } = new();

    public IngestOptions Ingest { get; } = new();

    /// <summary>The platform connectors; each is disabled until its section is configured.</summary>
    public ConnectorsOptions Connectors { get; } = new();

    /// <summary>Gap repair: asking gateways to resend what the bridge never received.</summary>
    public RepairOptions Repair { get; } = new();

    /// <summary>The NFC rule table: which tap triggers which connector action.</summary>
    public NfcActionsOptions NfcActions { get; } = new();
}

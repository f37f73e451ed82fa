namespace EdgeGateway.CloudBridge.Config;

/// <summary>The whole configuration of one bridge instance, bound from appsettings JSON and EDGEGW_BRIDGE_ environment variables.</summary>
public sealed class BridgeOptions
{
    public MqttOptions Mqtt { get; } = new();

    public StoreOptions Store { get; } = new();

    public ApiOptions Api { get; } = new();

    public IngestOptions Ingest { get; } = new();

    public RepairOptions Repair { get; } = new();
}

using System.Text.Json;
using EdgeGateway.CloudBridge.Ingest;
using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.CloudBridge.Store;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Topics;

namespace EdgeGateway.CloudBridge.Desired;

/// <summary>
/// Publishes a site's desired beacon configuration, retained, to `gw/v1/{gatewayId}/config/desired` of
/// every gateway of the site: whichever gateway hears a beacon applies it, and a gateway that is offline
/// gets it when it reconnects (retained). Reported state comes back on config/reported through ingest.
/// </summary>
internal sealed class DesiredConfigPublisher(IMqttPublisher mqtt, BridgeMetrics metrics)
{
    public async Task PublishAsync(DesiredPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var payload = JsonSerializer.SerializeToUtf8Bytes(
            new DesiredConfig { Version = plan.Version, Beacons = plan.Beacons }, ProtocolJsonContext.Default.DesiredConfig);
        foreach (var gateway in plan.Gateways)
        {
            await mqtt.PublishRetainedAsync(GatewayTopics.ConfigDesired(gateway), payload, cancellationToken);
            metrics.Add("edgegw_bridge_desired_published_total");
        }
    }
}

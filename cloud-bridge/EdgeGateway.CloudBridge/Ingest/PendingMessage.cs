using MQTTnet;

namespace EdgeGateway.CloudBridge.Ingest;

/// <summary>A received message waiting for its batch to commit; <see cref="Delivery"/> carries the PUBACK we still owe.</summary>
internal sealed record PendingMessage(IngestMessage Message, MqttApplicationMessageReceivedEventArgs Delivery);

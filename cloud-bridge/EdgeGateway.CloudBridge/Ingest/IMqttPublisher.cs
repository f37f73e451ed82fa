namespace EdgeGateway.CloudBridge.Ingest;

/// <summary>Publishes on the bridge's broker connection (the desired-config write side uses it).</summary>
public interface IMqttPublisher
{
    bool IsConnected { get; }

    /// <summary>QoS 1, retained. Throws <see cref="InvalidOperationException"/> when not connected or refused by the broker.</summary>
    Task PublishRetainedAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}

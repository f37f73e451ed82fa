namespace EdgeGateway.CloudBridge.Ingest;

/// <summary>Publishes on the bridge's broker connection (the desired-config write side and connectors' commands use it).</summary>
public interface IMqttPublisher
{
    bool IsConnected { get; }

    /// <summary>QoS 1, retained. Throws <see cref="InvalidOperationException"/> when not connected or refused by the broker.</summary>
    Task PublishRetainedAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>QoS 1, retained or not (commands to a gateway are not). Same errors as <see cref="PublishRetainedAsync"/>.</summary>
    Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken);
}

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// One platform connector. The dispatcher hands it the events it <see cref="Wants"/>, oldest first, in
/// batches from its own durable queue. Returning normally completes the batch (it is removed from the
/// queue); throwing keeps the whole batch and hands it over again after a back-off, so a platform that is
/// down delays only its own connector. Handling must therefore be idempotent per event
/// (<see cref="ConnectorEvent.Key"/>): a batch can be handed over again after a partial success.
/// </summary>
public interface IConnector
{
    /// <summary>Lower-case name used in the queue, metrics labels, logs and GET /api/v1/connectors.</summary>
    string Name { get; }

    /// <summary>Filters at enqueue time, so a connector's queue holds only what it will use.</summary>
    bool Wants(ConnectorEvent connectorEvent);

    Task HandleAsync(IReadOnlyList<ConnectorEvent> batch, CancellationToken cancellationToken);
}

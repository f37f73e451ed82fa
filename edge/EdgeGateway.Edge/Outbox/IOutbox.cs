namespace EdgeGateway.Edge.Outbox;

/// <summary>
/// Where every service hands what the cloud must receive. The returned task completes once the item
/// is durable (committed and checkpointed, or accepted in memory-only mode while the disk is failing);
/// the caller may then forget it. Items are the UTF-8 JSON of one element of the envelope's `items`.
/// </summary>
public interface IOutbox
{
    ValueTask AppendAsync(string stream, ReadOnlyMemory<byte> itemJson, OutboxPriority priority, CancellationToken cancellationToken);
}

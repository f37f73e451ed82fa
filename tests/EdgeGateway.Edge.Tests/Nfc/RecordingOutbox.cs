using System.Collections.Concurrent;
using System.Text.Json;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Edge.Tests.Nfc;

/// <summary>
/// Stands in for the LiteDB outbox (built in another issue) at the IOutbox seam: keeps what was
/// appended, and can be told to fail to show that taps are held, not lost.
/// </summary>
public sealed class RecordingOutbox : IOutbox
{
    private readonly ConcurrentQueue<(string Stream, byte[] Json, OutboxPriority Priority)> _items = new();

    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public IReadOnlyList<(string Stream, byte[] Json, OutboxPriority Priority)> Items => [.. _items];

    public IReadOnlyList<TagReadItem> TagReads =>
        [.. _items.Select(i => JsonSerializer.Deserialize(i.Json, ProtocolJsonContext.Default.TagReadItem)!)];

    public ValueTask AppendAsync(string stream, ReadOnlyMemory<byte> itemJson, OutboxPriority priority, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new IOException("disk full (test)");
        }

        _items.Enqueue((stream, itemJson.ToArray(), priority));
        return ValueTask.CompletedTask;
    }
}

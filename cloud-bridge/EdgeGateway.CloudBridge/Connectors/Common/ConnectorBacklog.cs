using System.Text.Json;
using JsonSerializer = System.Text.Json.JsonSerializer;
using EdgeGateway.CloudBridge.Observability;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// The connectors' durable work: one LiteDB collection per connector in its own file (Connectors:QueuePath).
/// The ingest enqueues each committed batch's new events before it acknowledges the batch to the broker;
/// each connector drains its own collection at its own pace, so a platform that is down only lets its own
/// queue grow, and what is queued survives a restart. Beyond a connector's MaxQueueDepth the oldest events
/// are shed and counted (edgegw_bridge_connector_shed_total): a platform gone for days must not fill the disk.
/// Not shared between bridge instances: each instance drains what it ingested.
/// </summary>
public sealed partial class ConnectorBacklog : IDisposable
{
    /// <summary>A path that keeps the queues in memory (used when no connector is enabled).</summary>
    public const string InMemory = ":memory:";

    private readonly LiteDatabase _db;
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<IConnector> _connectors;
    private readonly IReadOnlyDictionary<string, int> _maxDepth;
    private readonly ConnectorStatusBoard _board;
    private readonly BridgeMetrics _metrics;
    private readonly ILogger<ConnectorBacklog> _logger;
    private readonly Dictionary<string, SemaphoreSlim> _signals = new(StringComparer.Ordinal);

    public ConnectorBacklog(
        string path, IEnumerable<IConnector> connectors, IReadOnlyDictionary<string, int> maxDepth,
        ConnectorStatusBoard board, BridgeMetrics metrics, ILogger<ConnectorBacklog> logger)
    {
        ArgumentNullException.ThrowIfNull(path);
        _connectors = [.. connectors];
        _maxDepth = maxDepth;
        _board = board;
        _metrics = metrics;
        _logger = logger;
        var directory = path == InMemory ? null : Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        foreach (var connector in _connectors)
        {
            _signals[connector.Name] = new SemaphoreSlim(0);
            _board.SetQueueDepth(connector.Name, Depth(connector.Name));
        }
    }

    public IReadOnlyList<IConnector> Connectors => _connectors;

    // LiteDB collection names allow letters, digits and '_' only; a connector named "wifi-vouchers" must not fail
    // every enqueue quietly, so anything else maps to '_' (names stay distinct enough: they are few and fixed).
    private ILiteCollection<BsonDocument> Collection(string connector) =>
        _db.GetCollection("q_" + string.Concat(connector.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')), BsonAutoId.Int64);

    /// <summary>Appends each event to the queue of every connector that wants it, durably (checkpointed) before returning.</summary>
    public void Enqueue(IReadOnlyList<ConnectorEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 || _connectors.Count == 0)
        {
            return;
        }

        var woken = new List<string>();
        lock (_gate)
        {
            _db.BeginTrans();
            try
            {
                foreach (var connector in _connectors)
                {
                    var wanted = events.Where(connector.Wants).ToList();
                    if (wanted.Count == 0)
                    {
                        continue;
                    }

                    var collection = Collection(connector.Name);
                    collection.InsertBulk(wanted.Select(e => new BsonDocument
                    {
                        ["json"] = new BsonValue(JsonSerializer.SerializeToUtf8Bytes(e, ConnectorJsonContext.Default.ConnectorEvent)),
                    }));
                    _metrics.Add("edgegw_bridge_connector_events_total", wanted.Count, Label(connector.Name));
                    Shed(connector.Name, collection);
                    woken.Add(connector.Name);
                }

                _db.Commit();
            }
            catch
            {
                _db.Rollback();
                throw;
            }

            // LiteDB 5.0 does not fsync on commit; the checkpoint is what makes the events survive a crash.
            _db.Checkpoint();
            foreach (var name in woken)
            {
                _board.SetQueueDepth(name, Collection(name).LongCount());
            }
        }

        foreach (var name in woken)
        {
            _signals[name].Release();
        }
    }

    private void Shed(string connector, ILiteCollection<BsonDocument> collection)
    {
        var max = _maxDepth.TryGetValue(connector, out var m) ? m : int.MaxValue;
        var excess = collection.LongCount() - max;
        if (excess <= 0)
        {
            return;
        }

        var oldest = collection.Query().OrderBy("_id").Limit((int)excess).ToEnumerable().Select(d => d["_id"]).ToList();
        foreach (var id in oldest)
        {
            collection.Delete(id);
        }

        _metrics.Add("edgegw_bridge_connector_shed_total", oldest.Count, Label(connector));
        LogShed(connector, oldest.Count, max);
    }

    /// <summary>The oldest <paramref name="max"/> events of a connector, without removing them.</summary>
    public IReadOnlyList<QueuedEvent> Peek(string connector, int max)
    {
        var result = new List<QueuedEvent>(Math.Min(max, 1024));
        lock (_gate)
        {
            var collection = Collection(connector);
            foreach (var doc in collection.Query().OrderBy("_id").Limit(max).ToEnumerable())
            {
                var id = doc["_id"].AsInt64;
                try
                {
                    var e = JsonSerializer.Deserialize(doc["json"].AsBinary, ConnectorJsonContext.Default.ConnectorEvent);
                    if (e is not null)
                    {
                        result.Add(new QueuedEvent(id, e));
                        continue;
                    }
                }
                catch (JsonException ex)
                {
                    LogUnreadable(connector, id, ex.Message);
                }

                // An unreadable row (written by an incompatible version) would block the queue forever.
                collection.Delete(id);
                _metrics.Add("edgegw_bridge_connector_shed_total", 1, Label(connector));
            }
        }

        return result;
    }

    /// <summary>Removes every event of the connector up to and including <paramref name="lastId"/>.</summary>
    public void Complete(string connector, long lastId)
    {
        lock (_gate)
        {
            var collection = Collection(connector);
            collection.DeleteMany(Query.LTE("_id", lastId));
            _db.Checkpoint();
            _board.SetQueueDepth(connector, collection.LongCount());
        }
    }

    public long Depth(string connector)
    {
        lock (_gate)
        {
            return Collection(connector).LongCount();
        }
    }

    /// <summary>Waits until something is enqueued for the connector or <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(string connector, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signal = _signals[connector];
        await signal.WaitAsync(timeout, cancellationToken);
        while (signal.CurrentCount > 0)
        {
            // collapse a burst of wake-ups into one
            await signal.WaitAsync(0, cancellationToken);
        }
    }

    private static string Label(string connector) => BridgeMetrics.Labels(("connector", connector));

    public void Dispose()
    {
        foreach (var signal in _signals.Values)
        {
            signal.Dispose();
        }

        _db.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Connector}: queue full ({Max} events), shed the {Count} oldest")]
    private partial void LogShed(string connector, int count, int max);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector {Connector}: queued event {Id} is unreadable and was dropped: {Reason}")]
    private partial void LogUnreadable(string connector, long id, string reason);
}

using EdgeGateway.CloudBridge.Api;
using EdgeGateway.CloudBridge.Ingest;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Status;
using EdgeGateway.Protocol.Topics;
using LiteDB;

namespace EdgeGateway.CloudBridge.Store.LiteDb;

/// <summary>
/// The embedded fleet store: one LiteDB file, one bridge instance, zero set-up. Each batch is one
/// LiteDB transaction followed by a checkpoint, because LiteDB 5.0 does not fsync on commit and the
/// ingest acknowledges to the broker as soon as this returns.
/// </summary>
public sealed partial class LiteDbFleetStore : IFleetStore
{
    private readonly LiteDatabase _db;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public LiteDbFleetStore(string path, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(path);
        _time = time;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        _db.UtcDate = true;
    }

    private ILiteCollection<BsonDocument> Gateways => _db.GetCollection("gateways", BsonAutoId.Int64);

    private ILiteCollection<BsonDocument> Beacons => _db.GetCollection("beacons", BsonAutoId.Int64);

    private ILiteCollection<BsonDocument> Tags => _db.GetCollection("nfc_tags", BsonAutoId.Int64);

    private ILiteCollection<BsonDocument> Taps => _db.GetCollection("nfc_taps", BsonAutoId.Int64);

    private ILiteCollection<BsonDocument> Streams => _db.GetCollection("streams", BsonAutoId.Int64);

    private ILiteCollection<BsonDocument> Sites => _db.GetCollection("sites", BsonAutoId.Int64);

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Gateways.EnsureIndex("gateway_id", unique: true);
            Beacons.EnsureIndex("beacon_id", unique: true);
            Beacons.EnsureIndex("site");
            Tags.EnsureIndex("uid", unique: true);
            Streams.EnsureIndex("key", unique: true);
            Sites.EnsureIndex("name", unique: true);
            EnsureActionIndexes();
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CommitResult>> CommitAsync(IReadOnlyList<IngestMessage> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // LiteDB binds a transaction to the calling thread, so the whole batch runs synchronously here.
            _db.BeginTrans();
            try
            {
                var outcomes = Apply(batch);
                _db.Commit();
                _db.Checkpoint();
                return Task.FromResult<IReadOnlyList<CommitResult>>(outcomes);
            }
            catch
            {
                _db.Rollback();
                throw;
            }
        }
    }

    private CommitResult[] Apply(IReadOnlyList<IngestMessage> batch)
    {
        var now = Now();
        var outcomes = new CommitResult[batch.Count];
        var streams = new Dictionary<string, (BsonDocument Doc, StreamSequence Sequence)>(StringComparer.Ordinal);
        var accepted = new List<IngestMessage>();
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            outcomes[i] = message.Kind switch
            {
                IngestKind.Envelope => Envelope(message, streams, accepted, now),
                IngestKind.Status => new CommitResult(Status(message.GatewayId, message.Status!, streams, now)),
                IngestKind.Reported => new CommitResult(Reported(message.Reported!, now)),
                _ => new CommitResult(CommitOutcome.Rejected),
            };
        }

        foreach (var (doc, sequence) in streams.Values)
        {
            doc["high_water"] = sequence.HighWater;
            doc["gaps"] = sequence.FormatGaps();
            doc["open_gaps"] = sequence.Gaps.Count;
            doc["missing"] = sequence.Missing;
            doc["updated"] = now;
            Streams.Upsert(doc);
        }

        var items = BatchItems.From(accepted);
        var sites = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? SiteOf(string gateway)
        {
            if (!sites.TryGetValue(gateway, out var site))
            {
                site = Gateways.FindOne(FieldEquals("gateway_id", gateway))?["site"] is { IsString: true } s ? s.AsString : null;
                sites[gateway] = site;
            }

            return site;
        }

        foreach (var beacon in items.Beacons)
        {
            UpsertBeacon(beacon, SiteOf(beacon.Gateway), now);
        }

        foreach (var tag in items.Tags)
        {
            UpsertTag(tag, SiteOf(tag.Gateway), now);
        }

        foreach (var envelope in accepted)
        {
            for (var i = 0; i < envelope.Taps.Count; i++)
            {
                var tap = envelope.Taps[i];
                Taps.Insert(new BsonDocument
                {
                    ["gateway_id"] = envelope.GatewayId,
                    ["seq"] = envelope.ItemSeq(i),
                    ["uid"] = tap.Uid,
                    ["tag_type"] = tap.TagType,
                    ["at"] = tap.At.UtcDateTime,
                    ["counter"] = tap.Counter is { } c ? c : BsonValue.Null,
                });
            }
        }

        foreach (var (gateway, seen) in items.GatewaysSeen)
        {
            var doc = Gateways.FindOne(FieldEquals("gateway_id", gateway)) ?? NewGateway(gateway, now);
            if (doc["last_seen"].IsNull || doc["last_seen"].AsDateTime < seen.UtcDateTime)
            {
                doc["last_seen"] = seen.UtcDateTime;
            }

            doc["updated"] = now;
            Gateways.Upsert(doc);
        }

        return outcomes;
    }

    private CommitResult Envelope(
        IngestMessage message, Dictionary<string, (BsonDocument Doc, StreamSequence Sequence)> streams,
        List<IngestMessage> accepted, DateTime now)
    {
        var state = StreamState(message.GatewayId, message.Stream, streams, now);
        var fresh = state.Sequence.Accept(message.Seq, message.LastSeq);
        var stored = fresh.Count == 0 ? null : message.Keep(fresh);
        var duplicates = message.EnvelopeItems - (stored is null ? 0 : stored.ItemCount + stored.BadItems);
        state.Doc["duplicates"] = state.Doc["duplicates"].AsInt64 + duplicates;
        if (stored is null)
        {
            return new CommitResult(CommitOutcome.Duplicate, null, duplicates);
        }

        state.Doc["envelopes"] = state.Doc["envelopes"].AsInt64 + 1;
        state.Doc["items"] = state.Doc["items"].AsInt64 + stored.ItemCount;
        accepted.Add(stored);
        return new CommitResult(CommitOutcome.Stored, stored, duplicates);
    }

    private (BsonDocument Doc, StreamSequence Sequence) StreamState(
        string gatewayId, string stream, Dictionary<string, (BsonDocument Doc, StreamSequence Sequence)> streams, DateTime now)
    {
        var key = $"{gatewayId}\u001f{stream}";
        if (!streams.TryGetValue(key, out var state))
        {
            var doc = Streams.FindOne(FieldEquals("key", key)) ?? new BsonDocument
            {
                ["key"] = key,
                ["gateway_id"] = gatewayId,
                ["stream"] = stream,
                ["high_water"] = 0L,
                ["gaps"] = "",
                ["envelopes"] = 0L,
                ["duplicates"] = 0L,
                ["items"] = 0L,
                ["lost"] = "",
                ["lost_items"] = 0L,
                ["repair_requests"] = 0L,
                ["created"] = now,
            };
            state = (doc, StreamSequence.Parse(doc["high_water"].AsInt64, doc["gaps"].AsString));
            streams[key] = state;
        }

        return state;
    }

    private CommitOutcome Status(
        string gatewayId, GatewayStatus status, Dictionary<string, (BsonDocument Doc, StreamSequence Sequence)> streams, DateTime now)
    {
        var doc = Gateways.FindOne(FieldEquals("gateway_id", gatewayId)) ?? NewGateway(gatewayId, now);
        if (!doc["session"].IsNull && doc["session"].AsInt64 > status.Session)
        {
            return CommitOutcome.Stale;
        }

        doc["session"] = status.Session;
        doc["online"] = status.Online;
        if (status.Online)
        {
            doc["last_birth"] = (status.At ?? new DateTimeOffset(now, TimeSpan.Zero)).UtcDateTime;
            doc["version"] = status.SoftwareVersion is { } v ? v : BsonValue.Null;
            doc["backlog"] = status.Backlog is { } b ? b : BsonValue.Null;
            doc["shed"] = status.Shed is { } shed ? shed.Values.Sum() : BsonValue.Null;
            if (status.Site is { Length: > 0 } site)
            {
                doc["site"] = site;
                TouchSite(site, now);
            }

            foreach (var (stream, last) in status.LastSeq ?? new Dictionary<string, long>())
            {
                if (GatewayTopics.IsValidLevel(stream))
                {
                    StreamState(gatewayId, stream, streams, now).Doc["last_seq"] = last;
                }
            }
        }

        doc["updated"] = now;
        Gateways.Upsert(doc);
        return CommitOutcome.Stored;
    }

    private CommitOutcome Reported(ReportedConfig reported, DateTime now)
    {
        foreach (var beacon in reported.Beacons)
        {
            var doc = Beacons.FindOne(FieldEquals("beacon_id", beacon.BeaconId));
            if (doc is null)
            {
                continue;
            }

            var reportedVersion = doc["reported_version"].IsNull ? 0 : doc["reported_version"].AsInt64;
            if (reported.Version < reportedVersion)
            {
                continue;
            }

            doc["reported_version"] = reported.Version;
            doc["tx_power"] = beacon.TxPowerDbm is { } tx ? tx : doc["tx_power"];
            doc["advertising_interval"] = beacon.IntervalMs is { } ms ? ms : doc["advertising_interval"];
            var desired = doc["desired_version"].IsNull ? 0 : doc["desired_version"].AsInt64;
            if (reported.Version >= desired)
            {
                doc["config_state"] = beacon.State;
                doc["config_reason"] = beacon.Reason is { } r ? r : BsonValue.Null;
            }

            doc["updated"] = now;
            Beacons.Update(doc);
        }

        return CommitOutcome.Stored;
    }

    private void UpsertBeacon(BeaconAggregate beacon, string? site, DateTime now)
    {
        var h = beacon.Latest!;
        var doc = Beacons.FindOne(FieldEquals("beacon_id", beacon.BeaconId));
        var replace = true;
        if (doc is null)
        {
            doc = new BsonDocument { ["beacon_id"] = beacon.BeaconId, ["heartbeats"] = 0L, ["created"] = now, ["first_seen"] = h.FirstSeen.UtcDateTime };
        }
        else
        {
            replace = BeaconMerge.Prefer(
                doc["gateway"].AsString, doc["rssi"].AsInt32, new DateTimeOffset(doc["heartbeat"].AsDateTime, TimeSpan.Zero),
                beacon.Gateway, h.RssiLast, h.LastSeen);
        }

        doc["heartbeats"] = doc["heartbeats"].AsInt64 + beacon.Count;
        if (replace)
        {
            doc["gateway"] = beacon.Gateway;
            doc["site"] = site is null ? doc["site"] : site;
            doc["address"] = h.Address is { } a ? a : BsonValue.Null;
            doc["url"] = h.Url is { } u ? u : BsonValue.Null;
            doc["frames"] = string.Join(',', h.Frames);
            doc["heartbeat"] = h.LastSeen.UtcDateTime;
            doc["rssi"] = h.RssiLast;
            doc["battery"] = h.BatteryMv is { } mv ? mv : BsonValue.Null;
            doc["temperature"] = h.TemperatureC is { } t ? t : BsonValue.Null;
            doc["humidity"] = h.HumidityPct is { } hu ? hu : BsonValue.Null;
            doc["distance"] = h.DistanceM is { } d ? d : BsonValue.Null;
        }

        doc["updated"] = now;
        Beacons.Upsert(doc);
    }

    private void UpsertTag(TagAggregate tag, string? site, DateTime now)
    {
        var t = tag.Latest!;
        var doc = Tags.FindOne(FieldEquals("uid", tag.Uid))
            ?? new BsonDocument { ["uid"] = tag.Uid, ["taps"] = 0L, ["created"] = now };
        doc["taps"] = doc["taps"].AsInt64 + tag.Taps;
        if (doc["heartbeat"].IsNull || doc["heartbeat"].AsDateTime <= t.At.UtcDateTime)
        {
            doc["tag_type"] = t.TagType;
            doc["gateway"] = tag.Gateway;
            doc["site"] = site is null ? doc["site"] : site;
            doc["heartbeat"] = t.At.UtcDateTime;
            doc["counter"] = t.Counter is { } c ? c : doc["counter"];
            doc["url"] = tag.Url is { } u ? u : doc["url"];
        }

        doc["updated"] = now;
        Tags.Upsert(doc);
    }

    private static BsonDocument NewGateway(string gatewayId, DateTime now) =>
        new() { ["gateway_id"] = gatewayId, ["online"] = false, ["created"] = now };

    private void TouchSite(string site, DateTime now)
    {
        var doc = Sites.FindOne(FieldEquals("name", site)) ?? new BsonDocument { ["name"] = site, ["desired_version"] = 0L, ["created"] = now };
        doc["updated"] = now;
        Sites.Upsert(doc);
    }

    public Task<FleetPage> ListAsync(ResourceSchema resource, ListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (_gate)
        {
            return Task.FromResult(InMemoryQuery.Apply(Records(resource), resource, query));
        }
    }

    public Task<IReadOnlyDictionary<string, object?>?> GetAsync(ResourceSchema resource, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (_gate)
        {
            return Task.FromResult(Records(resource).FirstOrDefault(r => r["id"] is long l && l == id));
        }
    }

    private List<IReadOnlyDictionary<string, object?>> Records(ResourceSchema resource)
    {
        if (resource == FleetResources.Sites)
        {
            return SiteRecords();
        }

        var collection = _db.GetCollection(resource.Relation, BsonAutoId.Int64);
        return collection.FindAll().Select(d => (IReadOnlyDictionary<string, object?>)ToRecord(d, resource)).ToList();
    }

    private List<IReadOnlyDictionary<string, object?>> SiteRecords()
    {
        var gateways = Gateways.FindAll().Where(d => d["site"].IsString)
            .GroupBy(d => d["site"].AsString).ToDictionary(g => g.Key, g => (All: g.Count(), Online: g.Count(d => d["online"].AsBoolean)));
        var beacons = Beacons.FindAll().Where(d => d["site"].IsString).GroupBy(d => d["site"].AsString).ToDictionary(g => g.Key, g => g.Count());
        var tags = Tags.FindAll().Where(d => d["site"].IsString).GroupBy(d => d["site"].AsString).ToDictionary(g => g.Key, g => g.Count());
        return Sites.FindAll().Select(d =>
        {
            var name = d["name"].AsString;
            var g = gateways.GetValueOrDefault(name);
            d["gateways"] = g.All;
            d["gateways_online"] = g.Online;
            d["beacons"] = beacons.GetValueOrDefault(name);
            d["nfc_tags"] = tags.GetValueOrDefault(name);
            return (IReadOnlyDictionary<string, object?>)ToRecord(d, FleetResources.Sites);
        }).ToList();
    }

    private static Dictionary<string, object?> ToRecord(BsonDocument doc, ResourceSchema resource)
    {
        var record = new Dictionary<string, object?>(resource.Fields.Count, StringComparer.Ordinal);
        foreach (var field in resource.Fields)
        {
            var value = field.Name == "id" ? doc["_id"] : doc[field.Name];
            record[field.Name] = value.Type switch
            {
                BsonType.Null or BsonType.MinValue or BsonType.MaxValue => null,
                BsonType.Int32 => (long)value.AsInt32,
                BsonType.Int64 => value.AsInt64,
                BsonType.Double => value.AsDouble,
                BsonType.Decimal => (double)value.AsDecimal,
                BsonType.Boolean => value.AsBoolean,
                BsonType.DateTime => new DateTimeOffset(DateTime.SpecifyKind(value.AsDateTime, DateTimeKind.Utc)),
                BsonType.String => value.AsString,
                _ => value.ToString(),
            };
        }

        return record;
    }

    public Task<DesiredPlan?> SetDesiredAsync(long beaconId, int? txPowerDbm, int? intervalMs, CancellationToken cancellationToken) =>
        InTransaction(() => SetDesired(beaconId, txPowerDbm, intervalMs));

    private DesiredPlan? SetDesired(long beaconId, int? txPowerDbm, int? intervalMs)
    {
        var now = Now();
        var beacon = Beacons.FindById(beaconId);
        if (beacon is null)
        {
            return null;
        }

        if (!beacon["site"].IsString)
        {
            return new DesiredPlan(string.Empty, 0, [], []);
        }

        var siteName = beacon["site"].AsString;
        var site = Sites.FindOne(FieldEquals("name", siteName)) ?? new BsonDocument { ["name"] = siteName, ["desired_version"] = 0L, ["created"] = now };
        var version = site["desired_version"].AsInt64 + 1;
        site["desired_version"] = version;
        site["updated"] = now;
        Sites.Upsert(site);

        beacon["desired_tx_power"] = txPowerDbm is { } tx ? tx : beacon["desired_tx_power"];
        beacon["desired_advertising_interval"] = intervalMs is { } ms ? ms : beacon["desired_advertising_interval"];
        beacon["desired_version"] = version;
        beacon["config_state"] = BeaconConfigStates.Pending;
        beacon["config_reason"] = BsonValue.Null;
        beacon["updated"] = now;
        Beacons.Update(beacon);

        var desired = Beacons.Find(FieldEquals("site", siteName))
            .Where(d => !d["desired_tx_power"].IsNull || !d["desired_advertising_interval"].IsNull)
            .OrderBy(d => d["beacon_id"].AsString, StringComparer.Ordinal)
            .Select(d => new BeaconDesired
            {
                BeaconId = d["beacon_id"].AsString,
                TxPowerDbm = d["desired_tx_power"].IsNull ? null : d["desired_tx_power"].AsInt32,
                IntervalMs = d["desired_advertising_interval"].IsNull ? null : d["desired_advertising_interval"].AsInt32,
            })
            .ToList();
        var gateways = Gateways.Find(FieldEquals("site", siteName)).Select(d => d["gateway_id"].AsString).Order(StringComparer.Ordinal).ToList();
        return new DesiredPlan(siteName, version, gateways, desired);
    }

    public Task<IReadOnlyList<RepairCandidate>> ListRepairCandidatesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var candidates = new List<RepairCandidate>();
            foreach (var doc in Streams.FindAll())
            {
                var highWater = doc["high_water"].AsInt64;
                long? lastSeq = doc["last_seq"].IsNumber ? doc["last_seq"].AsInt64 : null;
                var candidate = new RepairCandidate(doc["gateway_id"].AsString, doc["stream"].AsString, highWater,
                    StreamSequence.Parse(highWater, doc["gaps"].AsString).Gaps, lastSeq);
                if (candidate.IsOpen)
                {
                    candidates.Add(candidate);
                }
            }

            return Task.FromResult<IReadOnlyList<RepairCandidate>>(candidates);
        }
    }

    public Task<bool> TryClaimRepairAsync(string gatewayId, string stream, TimeSpan minInterval, CancellationToken cancellationToken) =>
        InTransaction(() =>
        {
            var now = Now();
            var doc = StreamState(gatewayId, stream, [], now).Doc;
            if (doc["repair_requested"].IsDateTime && now - doc["repair_requested"].AsDateTime < minInterval)
            {
                return false;
            }

            doc["repair_requested"] = now;
            doc["repair_requests"] = (doc["repair_requests"].IsNumber ? doc["repair_requests"].AsInt64 : 0) + 1;
            Streams.Upsert(doc);
            return true;
        });

    public Task<long> RecordLostAsync(string gatewayId, string stream, IReadOnlyList<(long From, long To)> ranges, CancellationToken cancellationToken) =>
        InTransaction(() =>
        {
            ArgumentNullException.ThrowIfNull(ranges);
            var now = Now();
            var (doc, sequence) = StreamState(gatewayId, stream, [], now);
            var lost = ranges.SelectMany(r => sequence.Accept(r.From, r.To)).ToList();
            if (lost.Count == 0)
            {
                return 0L;
            }

            var count = lost.Sum(r => r.To - r.From + 1);
            doc["high_water"] = sequence.HighWater;
            doc["gaps"] = sequence.FormatGaps();
            doc["open_gaps"] = sequence.Gaps.Count;
            doc["missing"] = sequence.Missing;
            doc["lost"] = LostRanges.Merge(doc["lost"].IsString ? doc["lost"].AsString : null, lost);
            doc["lost_items"] = (doc["lost_items"].IsNumber ? doc["lost_items"].AsInt64 : 0) + count;
            doc["updated"] = now;
            Streams.Upsert(doc);
            return count;
        });

    private Task<T> InTransaction<T>(Func<T> work)
    {
        lock (_gate)
        {
            _db.BeginTrans();
            try
            {
                var result = work();
                _db.Commit();
                _db.Checkpoint();
                return Task.FromResult(result);
            }
            catch
            {
                _db.Rollback();
                throw;
            }
        }
    }

    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_db.GetCollectionNames() is not null);
        }
    }

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// <c>field = value</c> with the value as a parameter. LiteDB compiles each expression text once and keeps it in a
    /// process-wide cache that is never emptied; <c>Query.EQ</c> writes the value into the text, so every distinct
    /// beacon, tag, tap or gateway looked up would leave a compiled method behind for the life of the bridge.
    /// </summary>
    private static BsonExpression FieldEquals(string field, BsonValue value) => BsonExpression.Create($"$.{field} = @0", value);

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _db.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}

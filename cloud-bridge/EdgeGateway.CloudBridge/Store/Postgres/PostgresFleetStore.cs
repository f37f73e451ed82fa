using EdgeGateway.CloudBridge.Api;
using EdgeGateway.CloudBridge.Ingest;
using EdgeGateway.Protocol.Config;
using Npgsql;
using NpgsqlTypes;

namespace EdgeGateway.CloudBridge.Store.Postgres;

/// <summary>
/// The fleet store for several bridge instances. A batch is one transaction: the (gatewayId, stream)
/// rows are locked FOR UPDATE in key order, dedup and gaps are decided in memory, and the items go in as
/// a handful of set-based statements (unnest arrays), whatever the batch size. Rows are always touched in
/// key order so concurrent instances wait for each other instead of deadlocking; a deadlock or
/// serialization failure that still happens is retried here.
/// </summary>
public sealed partial class PostgresFleetStore : IFleetStore
{
    private const int MaxAttempts = 5;

    private static readonly string[] BeaconStateColumns =
        ["gateway", "address", "url", "frames", "heartbeat", "rssi", "battery", "temperature", "humidity", "distance"];

    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _time;

    public PostgresFleetStore(string connectionString, TimeProvider time)
    {
        _source = NpgsqlDataSource.Create(connectionString);
        _time = time;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await PostgresMigrations.ApplyAsync(_source, cancellationToken);

    public async Task<IReadOnlyList<CommitResult>> CommitAsync(IReadOnlyList<IngestMessage> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _source.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var outcomes = await ApplyAsync(connection, batch, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return outcomes;
            }
            catch (PostgresException ex) when (attempt < MaxAttempts && ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // Another instance held the rows in a conflicting order; nothing was committed, go again.
            }
        }
    }

    private async Task<IReadOnlyList<CommitResult>> ApplyAsync(NpgsqlConnection connection, IReadOnlyList<IngestMessage> batch, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var outcomes = new CommitResult[batch.Count];
        var streams = await LockStreamsAsync(connection, batch, now, cancellationToken);
        var accepted = new List<IngestMessage>();
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            switch (message.Kind)
            {
                case IngestKind.Envelope:
                    var state = streams[(message.GatewayId, message.Stream)];
                    var fresh = state.Sequence.Accept(message.Seq, message.LastSeq);
                    var stored = fresh.Count == 0 ? null : message.Keep(fresh);
                    var duplicates = message.EnvelopeItems - (stored is null ? 0 : stored.ItemCount + stored.BadItems);
                    state.Duplicates += duplicates;
                    if (stored is null)
                    {
                        outcomes[i] = new CommitResult(CommitOutcome.Duplicate, null, duplicates);
                        break;
                    }

                    state.Envelopes++;
                    state.Items += stored.ItemCount;
                    accepted.Add(stored);
                    outcomes[i] = new CommitResult(CommitOutcome.Stored, stored, duplicates);
                    break;
                case IngestKind.Status:
                    outcomes[i] = new CommitResult(await StatusAsync(connection, message, now, cancellationToken));
                    break;
                case IngestKind.Reported:
                    await ReportedAsync(connection, message.Reported!, now, cancellationToken);
                    outcomes[i] = new CommitResult(CommitOutcome.Stored);
                    break;
                default:
                    outcomes[i] = new CommitResult(CommitOutcome.Rejected);
                    break;
            }
        }

        await SaveStreamsAsync(connection, streams, now, cancellationToken);
        var items = BatchItems.From(accepted);
        await GatewaysSeenAsync(connection, items, now, cancellationToken);
        await BeaconsAsync(connection, items.Beacons, now, cancellationToken);
        await TagsAsync(connection, items.Tags, accepted, now, cancellationToken);
        return outcomes;
    }

    private sealed class StreamRow(StreamSequence sequence)
    {
        public StreamSequence Sequence { get; } = sequence;

        public long Envelopes { get; set; }

        public long Duplicates { get; set; }

        public long Items { get; set; }
    }

    private static async Task<SortedDictionary<(string, string), StreamRow>> LockStreamsAsync(
        NpgsqlConnection connection, IReadOnlyList<IngestMessage> batch, DateTime now, CancellationToken cancellationToken)
    {
        var rows = new SortedDictionary<(string, string), StreamRow>(Comparer<(string, string)>.Create((a, b) =>
        {
            var c = string.CompareOrdinal(a.Item1, b.Item1);
            return c != 0 ? c : string.CompareOrdinal(a.Item2, b.Item2);
        }));
        var keys = batch.Where(m => m.Kind == IngestKind.Envelope).Select(m => (m.GatewayId, m.Stream)).Distinct()
            .OrderBy(k => k.GatewayId, StringComparer.Ordinal).ThenBy(k => k.Stream, StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return rows;
        }

        var gateways = keys.Select(k => k.GatewayId).ToArray();
        var names = keys.Select(k => k.Stream).ToArray();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO streams (gateway_id, stream, created, updated)
            SELECT g, s, @now, @now FROM unnest(@g, @s) AS u(g, s) ORDER BY g COLLATE "C", s COLLATE "C"
            ON CONFLICT (gateway_id, stream) DO NOTHING
            """, connection))
        {
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.AddWithValue("g", gateways);
            insert.Parameters.AddWithValue("s", names);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = new NpgsqlCommand(
            """
            SELECT gateway_id, stream, high_water, gaps FROM streams
            WHERE (gateway_id, stream) IN (SELECT * FROM unnest(@g, @s))
            ORDER BY gateway_id COLLATE "C", stream COLLATE "C" FOR UPDATE
            """, connection);
        select.Parameters.AddWithValue("g", gateways);
        select.Parameters.AddWithValue("s", names);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[(reader.GetString(0), reader.GetString(1))] = new StreamRow(StreamSequence.Parse(reader.GetInt64(2), reader.GetString(3)));
        }

        return rows;
    }

    private static async Task SaveStreamsAsync(
        NpgsqlConnection connection, SortedDictionary<(string, string), StreamRow> streams, DateTime now, CancellationToken cancellationToken)
    {
        if (streams.Count == 0)
        {
            return;
        }

        await using var update = new NpgsqlCommand(
            """
            UPDATE streams s SET high_water = u.hw, gaps = u.gaps, open_gaps = u.og, missing = u.mi,
                envelopes = s.envelopes + u.en, duplicates = s.duplicates + u.du, items = s.items + u.it, updated = @now
            FROM unnest(@g, @s, @hw, @gaps, @og, @mi, @en, @du, @it) AS u(g, s, hw, gaps, og, mi, en, du, it)
            WHERE s.gateway_id = u.g AND s.stream = u.s
            """, connection);
        var values = streams.ToList();
        update.Parameters.AddWithValue("now", now);
        update.Parameters.AddWithValue("g", values.Select(v => v.Key.Item1).ToArray());
        update.Parameters.AddWithValue("s", values.Select(v => v.Key.Item2).ToArray());
        update.Parameters.AddWithValue("hw", values.Select(v => v.Value.Sequence.HighWater).ToArray());
        update.Parameters.AddWithValue("gaps", values.Select(v => v.Value.Sequence.FormatGaps()).ToArray());
        update.Parameters.AddWithValue("og", values.Select(v => v.Value.Sequence.Gaps.Count).ToArray());
        update.Parameters.AddWithValue("mi", values.Select(v => v.Value.Sequence.Missing).ToArray());
        update.Parameters.AddWithValue("en", values.Select(v => v.Value.Envelopes).ToArray());
        update.Parameters.AddWithValue("du", values.Select(v => v.Value.Duplicates).ToArray());
        update.Parameters.AddWithValue("it", values.Select(v => v.Value.Items).ToArray());
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<CommitOutcome> StatusAsync(NpgsqlConnection connection, IngestMessage message, DateTime now, CancellationToken cancellationToken)
    {
        var status = message.Status!;
        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO gateways AS g (gateway_id, site, online, session, version, last_birth, backlog, shed, created, updated)
            VALUES (@gw, @site, @online, @session, @version, @birth, @backlog, @shed, @now, @now)
            ON CONFLICT (gateway_id) DO UPDATE SET
                online = excluded.online,
                session = excluded.session,
                site = CASE WHEN excluded.online THEN coalesce(excluded.site, g.site) ELSE g.site END,
                version = CASE WHEN excluded.online THEN excluded.version ELSE g.version END,
                last_birth = CASE WHEN excluded.online THEN excluded.last_birth ELSE g.last_birth END,
                backlog = CASE WHEN excluded.online THEN excluded.backlog ELSE g.backlog END,
                shed = CASE WHEN excluded.online THEN excluded.shed ELSE g.shed END,
                updated = excluded.updated
            WHERE g.session IS NULL OR g.session <= excluded.session
            """, connection);
        var online = status.Online;
        upsert.Parameters.AddWithValue("gw", message.GatewayId);
        upsert.Parameters.Add(Nullable("site", NpgsqlDbType.Text, online ? status.Site : null));
        upsert.Parameters.AddWithValue("online", online);
        upsert.Parameters.AddWithValue("session", status.Session);
        upsert.Parameters.Add(Nullable("version", NpgsqlDbType.Text, online ? status.SoftwareVersion : null));
        upsert.Parameters.Add(Nullable("birth", NpgsqlDbType.TimestampTz, online ? (status.At ?? new DateTimeOffset(now)).UtcDateTime : null));
        upsert.Parameters.Add(Nullable("backlog", NpgsqlDbType.Bigint, online ? status.Backlog : null));
        upsert.Parameters.Add(Nullable("shed", NpgsqlDbType.Bigint, online ? status.Shed?.Values.Sum() : null));
        upsert.Parameters.AddWithValue("now", now);
        if (await upsert.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return CommitOutcome.Stale;
        }

        if (online && status.LastSeq is { Count: > 0 } lastSeq)
        {
            // A birth is rare; touching stream rows outside the batch's key order can deadlock with another instance,
            // which CommitAsync retries.
            var valid = lastSeq.Where(p => EdgeGateway.Protocol.Topics.GatewayTopics.IsValidLevel(p.Key))
                .OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            await using var last = new NpgsqlCommand(
                """
                INSERT INTO streams AS s (gateway_id, stream, last_seq, created, updated)
                SELECT @gw, u.s, u.l, @now, @now FROM unnest(@s, @l) AS u(s, l)
                ON CONFLICT (gateway_id, stream) DO UPDATE SET last_seq = excluded.last_seq, updated = excluded.updated
                """, connection);
            last.Parameters.AddWithValue("gw", message.GatewayId);
            last.Parameters.AddWithValue("s", valid.Select(p => p.Key).ToArray());
            last.Parameters.AddWithValue("l", valid.Select(p => p.Value).ToArray());
            last.Parameters.AddWithValue("now", now);
            await last.ExecuteNonQueryAsync(cancellationToken);
        }

        if (online && status.Site is { Length: > 0 } site)
        {
            await using var touch = new NpgsqlCommand(
                "INSERT INTO sites (name, created, updated) VALUES (@site, @now, @now) ON CONFLICT (name) DO UPDATE SET updated = excluded.updated",
                connection);
            touch.Parameters.AddWithValue("site", site);
            touch.Parameters.AddWithValue("now", now);
            await touch.ExecuteNonQueryAsync(cancellationToken);
        }

        return CommitOutcome.Stored;
    }

    private static async Task ReportedAsync(NpgsqlConnection connection, ReportedConfig reported, DateTime now, CancellationToken cancellationToken)
    {
        if (reported.Beacons.Count == 0)
        {
            return;
        }

        var beacons = reported.Beacons.OrderBy(b => b.BeaconId, StringComparer.Ordinal).ToList();
        await using var update = new NpgsqlCommand(
            """
            UPDATE beacons b SET
                reported_version = @v,
                tx_power = coalesce(u.tx, b.tx_power),
                advertising_interval = coalesce(u.iv, b.advertising_interval),
                config_state = CASE WHEN @v >= coalesce(b.desired_version, 0) THEN u.state ELSE b.config_state END,
                config_reason = CASE WHEN @v >= coalesce(b.desired_version, 0) THEN u.reason ELSE b.config_reason END,
                updated = @now
            FROM unnest(@id, @tx, @iv, @state, @reason) AS u(id, tx, iv, state, reason)
            WHERE b.beacon_id = u.id AND coalesce(b.reported_version, 0) <= @v
            """, connection);
        update.Parameters.AddWithValue("v", reported.Version);
        update.Parameters.AddWithValue("now", now);
        update.Parameters.AddWithValue("id", beacons.Select(b => b.BeaconId).ToArray());
        update.Parameters.AddWithValue("tx", beacons.Select(b => b.TxPowerDbm).ToArray());
        update.Parameters.AddWithValue("iv", beacons.Select(b => b.IntervalMs).ToArray());
        update.Parameters.AddWithValue("state", beacons.Select(b => b.State).ToArray());
        update.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = beacons.Select(b => (object?)b.Reason ?? DBNull.Value).ToArray() });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task GatewaysSeenAsync(NpgsqlConnection connection, BatchItems items, DateTime now, CancellationToken cancellationToken)
    {
        if (items.GatewaysSeen.Count == 0)
        {
            return;
        }

        var seen = items.GatewaysSeen.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO gateways AS g (gateway_id, last_seen, created, updated)
            SELECT u.id, u.seen, @now, @now FROM unnest(@id, @seen) WITH ORDINALITY AS u(id, seen, ord) ORDER BY u.ord
            ON CONFLICT (gateway_id) DO UPDATE SET last_seen = greatest(g.last_seen, excluded.last_seen), updated = excluded.updated
            """, connection);
        upsert.Parameters.AddWithValue("now", now);
        upsert.Parameters.AddWithValue("id", seen.Select(s => s.Key).ToArray());
        upsert.Parameters.AddWithValue("seen", seen.Select(s => s.Value.UtcDateTime).ToArray());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task BeaconsAsync(NpgsqlConnection connection, IReadOnlyList<BeaconAggregate> beacons, DateTime now, CancellationToken cancellationToken)
    {
        if (beacons.Count == 0)
        {
            return;
        }

        // The same "heard best" rule as BeaconMerge.Prefer.
        const string prefer =
            "(b.heartbeat IS NULL OR (excluded.heartbeat >= b.heartbeat AND (excluded.gateway = b.gateway OR excluded.rssi >= b.rssi " +
            "OR b.heartbeat < excluded.heartbeat - interval '60 seconds')))";
        var state = string.Join(",\n", BeaconStateColumns.Select(c => $"{c} = CASE WHEN {prefer} THEN excluded.{c} ELSE b.{c} END"));
        await using var upsert = new NpgsqlCommand(
            $"""
            INSERT INTO beacons AS b (beacon_id, gateway, site, address, url, frames, heartbeat, first_seen, rssi, battery,
                temperature, humidity, distance, heartbeats, created, updated)
            SELECT u.id, u.gw, g.site, u.address, u.url, u.frames, u.hb, u.fs, u.rssi, u.bat, u.temp, u.hum, u.dist, u.n, @now, @now
            FROM unnest(@id, @gw, @address, @url, @frames, @hb, @fs, @rssi, @bat, @temp, @hum, @dist, @n)
                WITH ORDINALITY AS u(id, gw, address, url, frames, hb, fs, rssi, bat, temp, hum, dist, n, ord)
            LEFT JOIN gateways g ON g.gateway_id = u.gw
            ORDER BY u.ord
            ON CONFLICT (beacon_id) DO UPDATE SET
                heartbeats = b.heartbeats + excluded.heartbeats,
                site = CASE WHEN {prefer} THEN coalesce(excluded.site, b.site) ELSE b.site END,
                {state},
                updated = excluded.updated
            """, connection);
        upsert.Parameters.AddWithValue("now", now);
        upsert.Parameters.AddWithValue("id", beacons.Select(b => b.BeaconId).ToArray());
        upsert.Parameters.AddWithValue("gw", beacons.Select(b => b.Gateway).ToArray());
        upsert.Parameters.Add(TextArray("address", beacons.Select(b => b.Latest!.Address)));
        upsert.Parameters.Add(TextArray("url", beacons.Select(b => b.Latest!.Url)));
        upsert.Parameters.AddWithValue("frames", beacons.Select(b => string.Join(',', b.Latest!.Frames)).ToArray());
        upsert.Parameters.AddWithValue("hb", beacons.Select(b => b.Latest!.LastSeen.UtcDateTime).ToArray());
        upsert.Parameters.AddWithValue("fs", beacons.Select(b => b.Latest!.FirstSeen.UtcDateTime).ToArray());
        upsert.Parameters.AddWithValue("rssi", beacons.Select(b => b.Latest!.RssiLast).ToArray());
        upsert.Parameters.AddWithValue("bat", beacons.Select(b => b.Latest!.BatteryMv).ToArray());
        upsert.Parameters.AddWithValue("temp", beacons.Select(b => b.Latest!.TemperatureC).ToArray());
        upsert.Parameters.AddWithValue("hum", beacons.Select(b => b.Latest!.HumidityPct).ToArray());
        upsert.Parameters.AddWithValue("dist", beacons.Select(b => b.Latest!.DistanceM).ToArray());
        upsert.Parameters.AddWithValue("n", beacons.Select(b => b.Count).ToArray());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task TagsAsync(
        NpgsqlConnection connection, IReadOnlyList<TagAggregate> tags, List<IngestMessage> accepted, DateTime now, CancellationToken cancellationToken)
    {
        if (tags.Count == 0)
        {
            return;
        }

        // One tap is one item, so its item sequence number identifies it; idx stays 0 (it numbered taps inside an
        // envelope when envelopes were numbered, and the unique key still guards against a tap stored twice).
        var taps = accepted.SelectMany(e => e.Taps.Select((t, i) => (e.GatewayId, Seq: e.ItemSeq(i), Index: 0, Tap: t))).ToList();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO nfc_taps (gateway_id, seq, idx, uid, tag_type, at, counter, url)
            SELECT * FROM unnest(@gw, @seq, @idx, @uid, @type, @at, @counter, @url)
            ON CONFLICT (gateway_id, seq, idx) DO NOTHING
            """, connection))
        {
            insert.Parameters.AddWithValue("gw", taps.Select(t => t.GatewayId).ToArray());
            insert.Parameters.AddWithValue("seq", taps.Select(t => t.Seq).ToArray());
            insert.Parameters.AddWithValue("idx", taps.Select(t => t.Index).ToArray());
            insert.Parameters.AddWithValue("uid", taps.Select(t => t.Tap.Uid).ToArray());
            insert.Parameters.AddWithValue("type", taps.Select(t => t.Tap.TagType).ToArray());
            insert.Parameters.AddWithValue("at", taps.Select(t => t.Tap.At.UtcDateTime).ToArray());
            insert.Parameters.AddWithValue("counter", taps.Select(t => t.Tap.Counter).ToArray());
            insert.Parameters.Add(TextArray("url", taps.Select(t => t.Tap.Ndef.FirstOrDefault(r => r.Uri is not null)?.Uri)));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        const string newer = "(t.heartbeat IS NULL OR excluded.heartbeat >= t.heartbeat)";
        await using var upsert = new NpgsqlCommand(
            $"""
            INSERT INTO nfc_tags AS t (uid, tag_type, site, gateway, url, heartbeat, counter, taps, created, updated)
            SELECT u.uid, u.type, g.site, u.gw, u.url, u.at, u.counter, u.n, @now, @now
            FROM unnest(@uid, @type, @gw, @url, @at, @counter, @n) WITH ORDINALITY AS u(uid, type, gw, url, at, counter, n, ord)
            LEFT JOIN gateways g ON g.gateway_id = u.gw
            ORDER BY u.ord
            ON CONFLICT (uid) DO UPDATE SET
                taps = t.taps + excluded.taps,
                tag_type = CASE WHEN {newer} THEN excluded.tag_type ELSE t.tag_type END,
                site = CASE WHEN {newer} THEN coalesce(excluded.site, t.site) ELSE t.site END,
                gateway = CASE WHEN {newer} THEN excluded.gateway ELSE t.gateway END,
                url = CASE WHEN {newer} THEN coalesce(excluded.url, t.url) ELSE t.url END,
                counter = CASE WHEN {newer} THEN coalesce(excluded.counter, t.counter) ELSE t.counter END,
                heartbeat = greatest(t.heartbeat, excluded.heartbeat),
                updated = excluded.updated
            """, connection);
        upsert.Parameters.AddWithValue("now", now);
        upsert.Parameters.AddWithValue("uid", tags.Select(t => t.Uid).ToArray());
        upsert.Parameters.AddWithValue("type", tags.Select(t => t.Latest!.TagType).ToArray());
        upsert.Parameters.AddWithValue("gw", tags.Select(t => t.Gateway).ToArray());
        upsert.Parameters.Add(TextArray("url", tags.Select(t => t.Url)));
        upsert.Parameters.AddWithValue("at", tags.Select(t => t.Latest!.At.UtcDateTime).ToArray());
        upsert.Parameters.AddWithValue("counter", tags.Select(t => t.Latest!.Counter).ToArray());
        upsert.Parameters.AddWithValue("n", tags.Select(t => t.Taps).ToArray());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<FleetPage> ListAsync(ResourceSchema resource, ListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        var (where, parameters) = PostgresQuery.Where(resource, query);
        long count;
        await using (var counting = new NpgsqlCommand(PostgresQuery.Count(resource, where), connection))
        {
            counting.Parameters.AddRange(parameters(counting).ToArray());
            count = (long)(await counting.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var select = new NpgsqlCommand(PostgresQuery.Select(resource, where, query), connection);
        select.Parameters.AddRange(parameters(select).ToArray());
        select.Parameters.AddWithValue("limit", query.Limit);
        select.Parameters.AddWithValue("offset", query.Offset);
        return new FleetPage(count, await ReadAsync(select, resource, cancellationToken));
    }

    public async Task<IReadOnlyDictionary<string, object?>?> GetAsync(ResourceSchema resource, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand(PostgresQuery.ById(resource), connection);
        select.Parameters.AddWithValue("id", id);
        var rows = await ReadAsync(select, resource, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<List<IReadOnlyDictionary<string, object?>>> ReadAsync(NpgsqlCommand command, ResourceSchema resource, CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = new Dictionary<string, object?>(resource.Fields.Count, StringComparer.Ordinal);
            for (var i = 0; i < resource.Fields.Count; i++)
            {
                record[resource.Fields[i].Name] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
                {
                    int n => (long)n,
                    DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
                    var other => other,
                };
            }

            rows.Add(record);
        }

        return rows;
    }

    public async Task<DesiredPlan?> SetDesiredAsync(long beaconId, int? txPowerDbm, int? intervalMs, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? site;
        await using (var find = new NpgsqlCommand("SELECT site FROM beacons WHERE id = @id FOR UPDATE", connection))
        {
            find.Parameters.AddWithValue("id", beaconId);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            site = reader.IsDBNull(0) ? null : reader.GetString(0);
        }

        if (site is null)
        {
            return new DesiredPlan(string.Empty, 0, [], []);
        }

        long version;
        await using (var bump = new NpgsqlCommand(
            """
            INSERT INTO sites AS s (name, desired_version, created, updated) VALUES (@site, 1, @now, @now)
            ON CONFLICT (name) DO UPDATE SET desired_version = s.desired_version + 1, updated = excluded.updated
            RETURNING desired_version
            """, connection))
        {
            bump.Parameters.AddWithValue("site", site);
            bump.Parameters.AddWithValue("now", now);
            version = (long)(await bump.ExecuteScalarAsync(cancellationToken))!;
        }

        await using (var update = new NpgsqlCommand(
            """
            UPDATE beacons SET desired_tx_power = coalesce(@tx, desired_tx_power),
                desired_advertising_interval = coalesce(@iv, desired_advertising_interval),
                desired_version = @v, config_state = @pending, config_reason = NULL, updated = @now
            WHERE id = @id
            """, connection))
        {
            update.Parameters.Add(Nullable("tx", NpgsqlDbType.Integer, txPowerDbm));
            update.Parameters.Add(Nullable("iv", NpgsqlDbType.Integer, intervalMs));
            update.Parameters.AddWithValue("v", version);
            update.Parameters.AddWithValue("pending", BeaconConfigStates.Pending);
            update.Parameters.AddWithValue("now", now);
            update.Parameters.AddWithValue("id", beaconId);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        var desired = new List<BeaconDesired>();
        await using (var beacons = new NpgsqlCommand(
            """
            SELECT beacon_id, desired_tx_power, desired_advertising_interval FROM beacons
            WHERE site = @site AND (desired_tx_power IS NOT NULL OR desired_advertising_interval IS NOT NULL)
            ORDER BY beacon_id COLLATE "C"
            """, connection))
        {
            beacons.Parameters.AddWithValue("site", site);
            await using var reader = await beacons.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                desired.Add(new BeaconDesired
                {
                    BeaconId = reader.GetString(0),
                    TxPowerDbm = reader.IsDBNull(1) ? null : reader.GetInt32(1),
                    IntervalMs = reader.IsDBNull(2) ? null : reader.GetInt32(2),
                });
            }
        }

        var gateways = new List<string>();
        await using (var select = new NpgsqlCommand("SELECT gateway_id FROM gateways WHERE site = @site ORDER BY gateway_id COLLATE \"C\"", connection))
        {
            select.Parameters.AddWithValue("site", site);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                gateways.Add(reader.GetString(0));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new DesiredPlan(site, version, gateways, desired);
    }

    public async Task<IReadOnlyList<RepairCandidate>> ListRepairCandidatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand(
            "SELECT gateway_id, stream, high_water, gaps, last_seq FROM streams WHERE open_gaps > 0 OR last_seq > high_water", connection);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var candidates = new List<RepairCandidate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var highWater = reader.GetInt64(2);
            candidates.Add(new RepairCandidate(reader.GetString(0), reader.GetString(1), highWater,
                StreamSequence.Parse(highWater, reader.GetString(3)).Gaps, reader.IsDBNull(4) ? null : reader.GetInt64(4)));
        }

        return candidates;
    }

    public async Task<bool> TryClaimRepairAsync(string gatewayId, string stream, TimeSpan minInterval, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var claim = new NpgsqlCommand(
            """
            UPDATE streams SET repair_requested = @now, repair_requests = repair_requests + 1
            WHERE gateway_id = @gw AND stream = @s AND (repair_requested IS NULL OR repair_requested <= @before)
            """, connection);
        claim.Parameters.AddWithValue("now", now);
        claim.Parameters.AddWithValue("before", now - minInterval);
        claim.Parameters.AddWithValue("gw", gatewayId);
        claim.Parameters.AddWithValue("s", stream);
        return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<long> RecordLostAsync(string gatewayId, string stream, IReadOnlyList<(long From, long To)> ranges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RecordLostOnceAsync(gatewayId, stream, ranges, cancellationToken);
            }
            catch (PostgresException ex) when (attempt < MaxAttempts && ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // nothing committed; go again
            }
        }
    }

    private async Task<long> RecordLostOnceAsync(string gatewayId, string stream, IReadOnlyList<(long From, long To)> ranges, CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        StreamSequence sequence;
        string lostBefore;
        await using (var select = new NpgsqlCommand(
            "SELECT high_water, gaps, lost FROM streams WHERE gateway_id = @gw AND stream = @s FOR UPDATE", connection))
        {
            select.Parameters.AddWithValue("gw", gatewayId);
            select.Parameters.AddWithValue("s", stream);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return 0;
            }

            sequence = StreamSequence.Parse(reader.GetInt64(0), reader.GetString(1));
            lostBefore = reader.GetString(2);
        }

        var lost = ranges.SelectMany(r => sequence.Accept(r.From, r.To)).ToList();
        if (lost.Count == 0)
        {
            return 0;
        }

        var count = lost.Sum(r => r.To - r.From + 1);
        await using (var update = new NpgsqlCommand(
            """
            UPDATE streams SET high_water = @hw, gaps = @gaps, open_gaps = @og, missing = @mi, lost = @lost,
                lost_items = lost_items + @count, updated = @now
            WHERE gateway_id = @gw AND stream = @s
            """, connection))
        {
            update.Parameters.AddWithValue("hw", sequence.HighWater);
            update.Parameters.AddWithValue("gaps", sequence.FormatGaps());
            update.Parameters.AddWithValue("og", sequence.Gaps.Count);
            update.Parameters.AddWithValue("mi", sequence.Missing);
            update.Parameters.AddWithValue("lost", LostRanges.Merge(lostBefore, lost));
            update.Parameters.AddWithValue("count", count);
            update.Parameters.AddWithValue("now", _time.GetUtcNow().UtcDateTime);
            update.Parameters.AddWithValue("gw", gatewayId);
            update.Parameters.AddWithValue("s", stream);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var ping = new NpgsqlCommand("SELECT 1", connection);
        return await ping.ExecuteScalarAsync(cancellationToken) is 1;
    }

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };

    private static NpgsqlParameter TextArray(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray() };

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}

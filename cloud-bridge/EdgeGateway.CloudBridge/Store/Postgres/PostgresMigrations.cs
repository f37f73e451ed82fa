using Npgsql;

namespace EdgeGateway.CloudBridge.Store.Postgres;

/// <summary>
/// The PostgreSQL schema as an ordered list of migrations, applied at start inside one transaction
/// under an advisory lock, so instances starting together migrate once. Never edit a shipped step; append one.
/// </summary>
internal static class PostgresMigrations
{
    private const long AdvisoryLockKey = 0x45_47_57_42_52_49_44; // "EGWBRID"

    public static IReadOnlyList<(int Version, string Sql)> Steps { get; } =
    [
        (1, """
            CREATE TABLE gateways (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                gateway_id text NOT NULL UNIQUE,
                site text,
                online boolean NOT NULL DEFAULT false,
                session bigint,
                version text,
                last_birth timestamptz,
                last_seen timestamptz,
                backlog bigint,
                shed bigint,
                created timestamptz NOT NULL,
                updated timestamptz NOT NULL);
            CREATE INDEX gateways_site ON gateways (site);

            CREATE TABLE sites (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name text NOT NULL UNIQUE,
                desired_version bigint NOT NULL DEFAULT 0,
                created timestamptz NOT NULL,
                updated timestamptz NOT NULL);

            CREATE TABLE beacons (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                beacon_id text NOT NULL UNIQUE,
                site text,
                gateway text,
                address text,
                url text,
                frames text,
                heartbeat timestamptz,
                first_seen timestamptz,
                rssi integer,
                battery integer,
                temperature double precision,
                humidity double precision,
                distance double precision,
                heartbeats bigint NOT NULL DEFAULT 0,
                tx_power integer,
                advertising_interval integer,
                desired_tx_power integer,
                desired_advertising_interval integer,
                desired_version bigint,
                reported_version bigint,
                config_state text,
                config_reason text,
                created timestamptz NOT NULL,
                updated timestamptz NOT NULL)
                WITH (fillfactor = 70);
            CREATE INDEX beacons_site ON beacons (site);

            CREATE TABLE nfc_tags (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                uid text NOT NULL UNIQUE,
                tag_type text,
                site text,
                gateway text,
                url text,
                heartbeat timestamptz,
                counter bigint,
                taps bigint NOT NULL DEFAULT 0,
                created timestamptz NOT NULL,
                updated timestamptz NOT NULL);
            CREATE INDEX nfc_tags_site ON nfc_tags (site);

            CREATE TABLE nfc_taps (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                gateway_id text NOT NULL,
                seq bigint NOT NULL,
                idx integer NOT NULL,
                uid text NOT NULL,
                tag_type text NOT NULL,
                at timestamptz NOT NULL,
                counter bigint,
                url text,
                UNIQUE (gateway_id, seq, idx));

            CREATE TABLE streams (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                gateway_id text NOT NULL,
                stream text NOT NULL,
                high_water bigint NOT NULL DEFAULT 0,
                gaps text NOT NULL DEFAULT '',
                open_gaps integer NOT NULL DEFAULT 0,
                missing bigint NOT NULL DEFAULT 0,
                envelopes bigint NOT NULL DEFAULT 0,
                duplicates bigint NOT NULL DEFAULT 0,
                items bigint NOT NULL DEFAULT 0,
                created timestamptz NOT NULL,
                updated timestamptz NOT NULL,
                UNIQUE (gateway_id, stream))
                WITH (fillfactor = 70);

            CREATE VIEW sites_view AS
                SELECT s.id, s.name,
                    (SELECT count(*) FROM gateways g WHERE g.site = s.name) AS gateways,
                    (SELECT count(*) FROM gateways g WHERE g.site = s.name AND g.online) AS gateways_online,
                    (SELECT count(*) FROM beacons b WHERE b.site = s.name) AS beacons,
                    (SELECT count(*) FROM nfc_tags t WHERE t.site = s.name) AS nfc_tags,
                    s.desired_version, s.created, s.updated
                FROM sites s;
            """),
        (2, """
            ALTER TABLE streams
                ADD COLUMN last_seq bigint,
                ADD COLUMN lost text NOT NULL DEFAULT '',
                ADD COLUMN lost_items bigint NOT NULL DEFAULT 0,
                ADD COLUMN repair_requested timestamptz,
                ADD COLUMN repair_requests bigint NOT NULL DEFAULT 0;
            """),
        (3, """
            CREATE TABLE nfc_actions (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                tap_key text NOT NULL UNIQUE,
                rule text NOT NULL,
                action text NOT NULL,
                gateway_id text NOT NULL,
                site text,
                uid text NOT NULL,
                state text NOT NULL,
                attempts bigint NOT NULL,
                result text,
                detail text,
                command_id text,
                created timestamptz NOT NULL,
                updated timestamptz NOT NULL);
            CREATE INDEX nfc_actions_site ON nfc_actions (site);

            CREATE TABLE site_footfall (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                site text NOT NULL,
                platform text NOT NULL,
                venue text NOT NULL,
                visits bigint NOT NULL,
                window_from text NOT NULL,
                window_to text NOT NULL,
                updated timestamptz NOT NULL,
                UNIQUE (site, platform));
            """),
    ];

    // Beacons and streams are rewritten on every batch. Free space in each page (fillfactor) and no index on
    // the columns that change (heartbeat, high_water) keep those updates HOT: no index entries, less WAL,
    // less vacuum. Ordering beacons by heartbeat sorts in memory instead, which the API can afford.

    /// <summary>Applies the missing steps; returns how many it applied.</summary>
    public static async Task<int> ApplyAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        await Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())", cancellationToken);
        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var count = 0;
        foreach (var (version, sql) in Steps.Where(s => !applied.Contains(s.Version)).OrderBy(s => s.Version))
        {
            await Execute(connection, sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version) VALUES (@v)", connection);
            record.Parameters.AddWithValue("v", version);
            await record.ExecuteNonQueryAsync(cancellationToken);
            count++;
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

using EdgeGateway.CloudBridge.Store;
using EdgeGateway.CloudBridge.Store.Postgres;
using EdgeGateway.Testing.Postgres;
using Npgsql;

namespace EdgeGateway.CloudBridge.Tests.Store;

/// <summary>The store contract against a real PostgreSQL cluster (own database per test), plus migrations.</summary>
public sealed class PostgresFleetStoreTests(PostgresFixture postgres) : FleetStoreContract, IClassFixture<PostgresFixture>
{
    protected override async Task<IFleetStore> OpenAsync() =>
        new PostgresFleetStore(await postgres.CreateDatabaseAsync(), Clock);

    [Fact]
    public async Task Migrations_run_once_even_when_two_instances_start_together()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var a = new PostgresFleetStore(connectionString, Clock);
        await using var b = new PostgresFleetStore(connectionString, Clock);

        await Task.WhenAll(a.InitializeAsync(ct), b.InitializeAsync(ct));
        await a.InitializeAsync(ct);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
        Assert.Equal((long)PostgresMigrations.Steps.Count, await command.ExecuteScalarAsync(ct));
    }

    [Fact]
    public async Task Two_writers_on_the_same_streams_and_beacons_count_every_item_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var a = new PostgresFleetStore(connectionString, Clock);
        await using var b = new PostgresFleetStore(connectionString, Clock);
        await a.InitializeAsync(ct);
        var envelopes = Enumerable.Range(1, 200)
            .Select(seq => Support.Messages.Heartbeats($"gw-{seq % 4}", seq, Support.Messages.Heartbeat("b-shared"), Support.Messages.Heartbeat($"b-{seq % 7}")))
            .ToList();

        // Both writers get every envelope (as if redelivered), in different orders and batch sizes.
        var writerA = Task.Run(async () => { foreach (var chunk in envelopes.Chunk(17)) { await a.CommitAsync(chunk, ct); } }, ct);
        var writerB = Task.Run(async () => { foreach (var chunk in envelopes.AsEnumerable().Reverse().Chunk(23)) { await b.CommitAsync(chunk, ct); } }, ct);
        await Task.WhenAll(writerA, writerB);

        var (query, _) = CloudBridge.Api.ListQueryParser.Parse(CloudBridge.Api.FleetResources.Beacons, [new("beacon_id", "b-shared")], 10, 10);
        var shared = Assert.Single((await a.ListAsync(CloudBridge.Api.FleetResources.Beacons, query!, ct)).Rows);
        Assert.Equal(200L, shared["heartbeats"]);
    }
}

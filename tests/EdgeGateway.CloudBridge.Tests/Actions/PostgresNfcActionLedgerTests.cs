using EdgeGateway.CloudBridge.Store;
using EdgeGateway.CloudBridge.Store.Postgres;
using EdgeGateway.Testing.Postgres;

namespace EdgeGateway.CloudBridge.Tests.Actions;

/// <summary>The NFC action ledger in a real PostgreSQL cluster (own database per test).</summary>
public sealed class PostgresNfcActionLedgerTests(PostgresFixture postgres) : NfcActionLedgerContract, IClassFixture<PostgresFixture>
{
    protected override async Task<IFleetStore> OpenAsync() => new PostgresFleetStore(await postgres.CreateDatabaseAsync(), Clock);
}

using EdgeGateway.CloudBridge.Store;
using EdgeGateway.CloudBridge.Store.LiteDb;

namespace EdgeGateway.CloudBridge.Tests.Store;

/// <summary>The store contract against a real LiteDB file on disk.</summary>
public sealed class LiteDbFleetStoreTests : FleetStoreContract, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("egw-bridge-litedb-");

    protected override Task<IFleetStore> OpenAsync() =>
        Task.FromResult<IFleetStore>(new LiteDbFleetStore(Path.Combine(_directory.FullName, "fleet.db"), Clock));

    [Fact]
    public async Task What_was_committed_is_there_after_reopening_the_file()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(_directory.FullName, "reopen.db");
        await using (var store = new LiteDbFleetStore(path, Clock))
        {
            await store.InitializeAsync(ct);
            await store.CommitAsync([Support.Messages.Heartbeats("gw-1", 1, Support.Messages.Heartbeat("b-1"))], ct);
        }

        await using var reopened = new LiteDbFleetStore(path, Clock);
        await reopened.InitializeAsync(ct);
        var again = await reopened.CommitAsync([Support.Messages.Heartbeats("gw-1", 1, Support.Messages.Heartbeat("b-1"))], ct);

        Assert.Equal([CloudBridge.Ingest.CommitOutcome.Duplicate], again.Select(r => r.Outcome));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}

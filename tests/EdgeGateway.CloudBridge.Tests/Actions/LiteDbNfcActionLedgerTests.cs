using EdgeGateway.CloudBridge.Store;
using EdgeGateway.CloudBridge.Store.LiteDb;

namespace EdgeGateway.CloudBridge.Tests.Actions;

/// <summary>The NFC action ledger in a real LiteDB file.</summary>
public sealed class LiteDbNfcActionLedgerTests : NfcActionLedgerContract, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("egw-bridge-ledger-");

    protected override Task<IFleetStore> OpenAsync() =>
        Task.FromResult<IFleetStore>(new LiteDbFleetStore(Path.Combine(_directory.FullName, "fleet.db"), Clock));

    public void Dispose() => _directory.Delete(recursive: true);
}

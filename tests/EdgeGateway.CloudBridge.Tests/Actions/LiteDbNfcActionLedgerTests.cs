using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Store;
using EdgeGateway.CloudBridge.Store.LiteDb;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.CloudBridge.Tests.Actions;

/// <summary>The NFC action ledger in a real LiteDB file.</summary>
public sealed class LiteDbNfcActionLedgerTests : NfcActionLedgerContract, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("egw-bridge-ledger-");

    protected override Task<IFleetStore> OpenAsync() =>
        Task.FromResult<IFleetStore>(new LiteDbFleetStore(Path.Combine(_directory.FullName, "fleet.db"), Clock));

    public void Dispose() => _directory.Delete(recursive: true);

    /// <summary>
    /// Every tap has a key of its own: a lookup that wrote the key into LiteDB's query text would leave one compiled
    /// expression per tap in LiteDB's never-emptied cache (the gateway's outbox leaked that way; docs/RELIABILITY.md).
    /// </summary>
    [Fact]
    public async Task Claiming_many_taps_compiles_a_fixed_set_of_LiteDB_expressions()
    {
        const int Taps = 300;
        await using var store = await OpenAsync();
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        var ledger = (INfcActionLedger)store;
        await ledger.ClaimAsync(Claim("gw-1/nfc/0"), TestContext.Current.CancellationToken);
        var before = LiteDbExpressionCache.CompiledTexts();

        for (var tap = 1; tap <= Taps; tap++)
        {
            await ledger.ClaimAsync(Claim($"gw-1/nfc/{tap}"), TestContext.Current.CancellationToken);
        }

        // Other tests of this assembly running alongside may compile a few texts of their own once.
        var added = LiteDbExpressionCache.CompiledTexts() - before;
        Assert.True(added <= 40, $"{Taps} taps claimed left {added} new compiled LiteDB expressions behind");
    }

    private static NfcActionClaim Claim(string key) => new(key, "till", NfcActionKinds.WifiVoucher, "gw-1", "shop-1", "045a6b7c8d9ea0");
}

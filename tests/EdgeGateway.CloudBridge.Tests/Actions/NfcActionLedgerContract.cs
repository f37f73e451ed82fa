using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Api;
using EdgeGateway.CloudBridge.Store;
using EdgeGateway.CloudBridge.Tests.Support;

namespace EdgeGateway.CloudBridge.Tests.Actions;

/// <summary>What both fleet stores must do as the NFC action ledger: one record per tap, however often it is claimed.</summary>
public abstract class NfcActionLedgerContract
{
    protected FakeClock Clock { get; } = new(Messages.T0);

    protected abstract Task<IFleetStore> OpenAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IFleetStore> OpenReadyAsync()
    {
        var store = await OpenAsync();
        await store.InitializeAsync(Ct);
        return store;
    }

    private static NfcActionClaim Claim(string key = "gw-1/nfc/7") => new(key, "till", NfcActionKinds.WifiVoucher, "gw-1", "shop-1", "045a6b7c8d9ea0");

    [Fact]
    public async Task A_tap_claimed_again_is_the_same_record_with_its_attempts_counted()
    {
        await using var store = await OpenReadyAsync();
        var ledger = (INfcActionLedger)store;

        var first = await ledger.ClaimAsync(Claim(), Ct);
        var second = await ledger.ClaimAsync(Claim(), Ct);

        Assert.Equal((NfcActionState.Pending, 1), (first.State, first.Attempts));
        Assert.Equal((NfcActionState.Pending, 2), (second.State, second.Attempts));
        Assert.Single((await store.ListAsync(FleetResources.NfcActions, Query(), Ct)).Rows);
    }

    [Fact]
    public async Task A_completed_tap_comes_back_done_with_its_result_and_command()
    {
        await using var store = await OpenReadyAsync();
        var ledger = (INfcActionLedger)store;
        await ledger.ClaimAsync(Claim(), Ct);

        await ledger.CompleteAsync("gw-1/nfc/7", NfcActionState.Done, "EGW-1234ABCD", "Wi-Fi, 1 day", Ct);
        await ledger.MarkCommandSentAsync("gw-1/nfc/7", "nfc-abc", Ct);
        var again = await ledger.ClaimAsync(Claim(), Ct);
        var other = await ledger.ClaimAsync(Claim("gw-1/nfc/8"), Ct);

        Assert.Equal(new NfcActionRecord("gw-1/nfc/7", "till", NfcActionKinds.WifiVoucher, "gw-1", "shop-1", "045a6b7c8d9ea0", NfcActionState.Done, 2, "EGW-1234ABCD", "Wi-Fi, 1 day", "nfc-abc"), again);
        Assert.Equal(NfcActionState.Pending, other.State);
        var row = Assert.Single((await store.ListAsync(FleetResources.NfcActions, Query(FleetResources.NfcActions, "state", "done"), Ct)).Rows);
        Assert.Equal("EGW-1234ABCD", row["result"]);
        Assert.Equal("nfc-abc", row["command_id"]);
    }

    [Fact]
    public async Task Completing_an_unclaimed_tap_is_an_error()
    {
        await using var store = await OpenReadyAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => ((INfcActionLedger)store).CompleteAsync("gw-9/nfc/1", NfcActionState.Done, "x", null, Ct));
    }

    [Fact]
    public async Task Footfall_is_one_row_per_site_and_platform_replaced_by_each_pull()
    {
        await using var store = await OpenReadyAsync();
        var ledger = (INfcActionLedger)store;
        var day = new DateOnly(2026, 1, 31);

        await ledger.SetFootfallAsync(new SiteFootfall("shop-1", "wifi", "101", 3, day, day), Ct);
        await ledger.SetFootfallAsync(new SiteFootfall("shop-1", "wifi", "101", 5, day, day), Ct);
        await ledger.SetFootfallAsync(new SiteFootfall("shop-2", "wifi", "102", 1, day, day), Ct);

        var row = Assert.Single((await store.ListAsync(FleetResources.Footfall, Query(FleetResources.Footfall, "site", "shop-1"), Ct)).Rows);
        Assert.Equal(5L, row["visits"]);
        Assert.Equal("2026-01-31", row["window_from"]);
        Assert.Equal(2, (await store.ListAsync(FleetResources.Footfall, Query(FleetResources.Footfall), Ct)).Count);
    }

    private static ListQuery Query(ResourceSchema? resource = null, string? field = null, string? value = null)
    {
        resource ??= FleetResources.NfcActions;
        var parameters = field is null ? [] : new[] { new KeyValuePair<string, string>(field, value!) };
        var (query, error) = ListQueryParser.Parse(resource, parameters, 100, 1000);
        Assert.Null(error);
        return query!;
    }
}

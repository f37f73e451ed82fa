using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Api;
using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.CloudBridge.Connectors.WifiVouchers;
using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.CloudBridge.Store.LiteDb;
using EdgeGateway.CloudBridge.Tests.Support;
using EdgeGateway.PlatformFakes.WifiVouchers;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.CloudBridge.Tests.Actions;

/// <summary>The Wi-Fi voucher connector against the seed-faithful fake: venues, voucher creation, clean-up, footfall.</summary>
public sealed class WifiVoucherContractTests : IAsyncLifetime
{
    private const string Key = "wifi-key-0123456789abcdef";
    private readonly FakeClock _clock = new(Messages.T0);
    private readonly WifiVoucherFake _fake;
    private WifiVouchersOptions _options = null!;
    private WifiVoucherClient _client = null!;

    public WifiVoucherContractTests() => _fake = new WifiVoucherFake(Key, _clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _fake.StartAsync(Ct);
        _options = PlatformClients.Fast(new WifiVouchersOptions { ApiKey = Key, Team = "acme", PageSize = 2 }, _fake.ApiUrl);
        _client = new WifiVoucherClient(PlatformClients.Create("wifivouchers", _options, new ApiKeyHeaderAuthenticator("X-API-Key", Key), null, Key), _options);
    }

    public ValueTask DisposeAsync() => _fake.DisposeAsync();

    private WifiVoucherAction Action() => new(_client, new WifiVenueDirectory(_client, _options), _options, _clock);

    private static NfcActionRequest Request(string site = "shop-1", bool resumed = false) => new(
        new NfcActionRule { Name = "till", TagUid = "045a6b7c8d9ea0", Action = NfcActionKinds.WifiVoucher, Days = 2, UpSpeedMbps = 5, DownSpeedMbps = 20, VolumeCapGb = 0, MaxDevices = 1 },
        "gw-1/nfc/7", "gw-1", site, "045a6b7c8d9ea0", resumed);

    [Fact]
    public async Task A_voucher_is_posted_form_encoded_at_the_venue_named_like_the_site_found_across_pages()
    {
        for (var i = 0; i < 4; i++)
        {
            _fake.AddVenue("acme", $"other-{i}");
        }

        var venue = _fake.AddVenue("acme", "shop-1");
        _fake.AddVenue("other-team", "shop-1");

        var outcome = await Action().RunAsync(Request(), Ct);

        var code = WifiVoucherAction.VoucherCode("EGW", "gw-1/nfc/7");
        Assert.Equal(NfcActionOutcome.Issued(code, "Wi-Fi, 2 days", Messages.T0.AddDays(2)), outcome);
        var voucher = Assert.Single(_fake.Vouchers());
        Assert.Equal((code, venue.Id, 2, 5, 20, 0, 1), (voucher.Code, voucher.VenueId, voucher.NumberOfDays, voucher.Upspeed, voucher.Downspeed, voucher.Volumecap, voucher.MaxDevices));
        var post = Assert.Single(_fake.RequestsTo("/api/vouchers"), r => r.Method == "POST");
        Assert.Equal("application/x-www-form-urlencoded", post.ContentType.Split(';')[0]);
        Assert.Equal($"slug=acme&code={code}&venue_id={venue.Id}&number_of_days=2&upspeed=5&downspeed=20&volumecap=0&max_devices=1", post.Body);
        Assert.All(_fake.Requests, r => Assert.Equal(Key, r.Headers["X-API-Key"]));
        Assert.Equal(3, _fake.RequestsTo("/api/venues").Count);
        Assert.Matches("^EGW-[0-9A-HJKMNP-TV-Z]{8}$", code);
    }

    [Fact]
    public async Task A_resumed_tap_whose_voucher_was_already_made_is_issued_without_a_second_voucher()
    {
        _fake.AddVenue("acme", "shop-1");
        await Action().RunAsync(Request(), Ct);

        var again = await Action().RunAsync(Request(resumed: true), Ct);

        Assert.Equal(NfcActionState.Done, again.State);
        Assert.Single(_fake.Vouchers());
    }

    [Fact]
    public async Task A_site_without_a_venue_is_refused_without_posting()
    {
        _fake.AddVenue("acme", "shop-1");

        var outcome = await Action().RunAsync(Request(site: "shop-9"), Ct);

        Assert.Equal(NfcActionState.Refused, outcome.State);
        Assert.Contains("Connectors:WifiVouchers:Venues:shop-9", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(_fake.Vouchers());
    }

    [Fact]
    public async Task A_wrong_key_is_a_final_401_and_the_key_never_appears_in_the_error()
    {
        var options = PlatformClients.Fast(new WifiVouchersOptions { ApiKey = "wrong-key-0123456789", Team = "acme" }, _fake.ApiUrl);
        var client = new WifiVoucherClient(PlatformClients.Create("wifivouchers", options, new ApiKeyHeaderAuthenticator("X-API-Key", "wrong-key-0123456789"), null, "wrong-key-0123456789"), options);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.CreateVoucherAsync(new WifiVoucherRequest("EGW-1", 1, 1, null, null, null, null), Ct));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.Status);
        Assert.False(ex.IsTransient);
        Assert.DoesNotContain("wrong-key", ex.Message, StringComparison.Ordinal);
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task Clean_up_deletes_only_the_bridges_expired_vouchers()
    {
        var venue = _fake.AddVenue("acme", "shop-1");
        _fake.AddVoucher("acme", "STAFF-1", venue.Id, 1, Messages.T0.AddDays(-3));
        var expired = _fake.AddVoucher("acme", "EGW-OLD00001", venue.Id, 1, Messages.T0.AddDays(-2));
        _fake.AddVoucher("acme", "EGW-NEW00001", venue.Id, 3, Messages.T0.AddDays(-1));
        for (var i = 0; i < 3; i++)
        {
            _fake.AddVoucher("acme", $"EGW-OLD1000{i}", venue.Id, 1, Messages.T0.AddDays(-5));
        }

        await using var store = new LiteDbFleetStore(Path.Combine(Directory.CreateTempSubdirectory("egw-wifi-").FullName, "fleet.db"), _clock);
        await store.InitializeAsync(Ct);
        var deleted = await Maintenance(store).DeleteExpiredAsync(Ct);

        Assert.Equal(4, deleted);
        Assert.Equal(["STAFF-1", "EGW-NEW00001"], _fake.Vouchers().Select(v => v.Code));
        Assert.Contains(_fake.Requests, r => r.Method == "DELETE" && r.Path == $"/api/vouchers/{expired.Id}" && r.QueryString == "?slug=acme");
    }

    [Fact]
    public async Task Todays_customer_visits_become_the_sites_footfall_on_the_fleet_api()
    {
        var venue = _fake.AddVenue("acme", "shop-1");
        var other = _fake.AddVenue("acme", "elsewhere");
        for (var i = 0; i < 5; i++)
        {
            _fake.AddVisit("acme", venue.Id, Messages.T0.AddMinutes(-i), customerId: i);
        }

        _fake.AddVisit("acme", venue.Id, Messages.T0.AddDays(-1));
        _fake.AddVisit("acme", other.Id, Messages.T0);
        _options.Venues["shop-1"] = venue.Id;
        await using var store = new LiteDbFleetStore(Path.Combine(Directory.CreateTempSubdirectory("egw-wifi-").FullName, "fleet.db"), _clock);
        await store.InitializeAsync(Ct);

        await Maintenance(store).PullFootfallAsync(Ct);

        var page = await store.ListAsync(FleetResources.Footfall, ListQueryParser.Parse(FleetResources.Footfall, [], 100, 1000).Query!, Ct);
        var row = Assert.Single(page.Rows);
        Assert.Equal(("shop-1", "wifi", 5L, "2026-01-31"), (row["site"], row["platform"], row["visits"], row["window_from"]));
        Assert.Contains(_fake.Requests, r => r.Path == "/api/customer-visits" && r.QueryString.Contains("start_date=2026-01-31&end_date=2026-01-31", StringComparison.Ordinal));
    }

    private WifiVoucherMaintenance Maintenance(LiteDbFleetStore store) => new(
        _client, new WifiVenueDirectory(_client, _options), _options, store, new FleetLookup(store),
        new ConnectorStatusBoard(new BridgeMetrics(), _clock), _clock, NullLogger<WifiVoucherMaintenance>.Instance);
}

using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.CloudBridge.Connectors.Xerts;
using EdgeGateway.PlatformFakes.Xerts;

namespace EdgeGateway.CloudBridge.Tests.Actions;

/// <summary>The Xerts coupon action against the seed-faithful fake, including the documented 404 bodies as results.</summary>
public sealed class XertsContractTests : IAsyncLifetime
{
    private const string Key = "xerts-key-0123456789abcdef";
    private readonly XertsFake _fake = new(Key);
    private XertsOptions _options = null!;
    private XertsClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _fake.StartAsync(Ct);
        _options = PlatformClients.Fast(new XertsOptions { ApiKey = Key }, _fake.ApiUrl);
        _client = new XertsClient(PlatformClients.Create("xerts", _options, new ApiKeyHeaderAuthenticator("API-Key", Key), null, Key));
    }

    public ValueTask DisposeAsync() => _fake.DisposeAsync();

    private static NfcActionRequest Request(string? siteId, bool activate = false, bool resumed = false) => new(
        new NfcActionRule { Name = "door", TagUid = "045a6b7c8d9ea0", Action = NfcActionKinds.Coupon, XertsSiteId = siteId, Activate = activate },
        "gw-1/nfc/7", "gw-1", "shop-1", "045a6b7c8d9ea0", resumed);

    [Fact]
    public async Task A_tap_issues_the_sites_coupon_to_the_tag_as_device_and_shows_its_redeem_code()
    {
        var site = _fake.AddSite("Bodeborough");
        _fake.AddOffer(site.Id, "Free coffee");

        var outcome = await new XertsCouponAction(_client, _options).RunAsync(Request(site.Id), Ct);

        var coupon = Assert.Single(_fake.Coupons());
        Assert.Equal((NfcActionState.Done, coupon.RedeemCode, "Free coffee"), (outcome.State, outcome.Result, outcome.Detail));
        Assert.Equal("045a6b7c8d9ea0", coupon.DeviceId);
        Assert.Equal(coupon.ExpiresOn.ToUnixTimeMilliseconds(), outcome.ExpiresAt!.Value.ToUnixTimeMilliseconds());
        var post = Assert.Single(_fake.Requests);
        Assert.Equal(("POST", $"/api/siteOffers/{site.Id}/device/045a6b7c8d9ea0", Key), (post.Method, post.Path, post.Headers["API-Key"]));
        Assert.Null(coupon.RedeemedOn);
    }

    [Fact]
    public async Task The_site_mapping_is_used_when_the_rule_names_no_Xerts_site()
    {
        var site = _fake.AddSite("Bodeborough");
        _fake.AddOffer(site.Id, "Free coffee");
        _options.Sites["shop-1"] = site.Id;

        var outcome = await new XertsCouponAction(_client, _options).RunAsync(Request(null), Ct);

        Assert.Equal(NfcActionState.Done, outcome.State);
    }

    [Fact]
    public async Task Activation_marks_the_coupon_and_an_already_redeemed_code_is_a_result_not_a_crash()
    {
        var site = _fake.AddSite("Bodeborough");
        _fake.AddOffer(site.Id, "Free coffee");
        var action = new XertsCouponAction(_client, _options);

        var outcome = await action.RunAsync(Request(site.Id, activate: true), Ct);
        var refusal = await _client.ActivateAsync(site.Id, outcome.Result!, Ct);

        Assert.NotNull(Assert.Single(_fake.Coupons()).RedeemedOn);
        Assert.Equal(new XertsRefusal(404, XertsFake.CouponNotFound), refusal);
    }

    [Fact]
    public async Task An_unknown_site_is_refused_with_the_platforms_own_message()
    {
        var outcome = await new XertsCouponAction(_client, _options).RunAsync(Request("no-such-site"), Ct);

        Assert.Equal(NfcActionOutcome.Refused($"Xerts 404: {XertsFake.SiteNotFound}"), outcome);
        Assert.Empty(_fake.Coupons());
    }

    [Fact]
    public async Task A_site_without_live_offers_is_refused()
    {
        var site = _fake.AddSite("Bodeborough");
        _fake.AddOffer(site.Id, "Sold out", instanceLimit: 0);

        var outcome = await new XertsCouponAction(_client, _options).RunAsync(Request(site.Id), Ct);

        Assert.Equal(NfcActionState.Refused, outcome.State);
        Assert.Contains("no live offer", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resumed_tap_reuses_the_coupon_the_device_already_holds()
    {
        var site = _fake.AddSite("Bodeborough");
        _fake.AddOffer(site.Id, "Free coffee");
        var action = new XertsCouponAction(_client, _options);
        var first = await action.RunAsync(Request(site.Id), Ct);

        var resumed = await action.RunAsync(Request(site.Id, resumed: true), Ct);

        Assert.Equal(first.Result, resumed.Result);
        Assert.Single(_fake.Coupons());
        Assert.Contains(_fake.Requests, r => r.Method == "GET" && r.Path == $"/api/coupons/sites/{site.Id}/devices/045a6b7c8d9ea0");
    }

    [Fact]
    public async Task A_5xx_is_retried_and_a_wrong_key_is_final()
    {
        var site = _fake.AddSite("Bodeborough");
        _fake.AddOffer(site.Id, "Free coffee");
        _fake.Faults.Fail(2, 503);

        var outcome = await new XertsCouponAction(_client, _options).RunAsync(Request(site.Id), Ct);
        var wrong = new XertsClient(PlatformClients.Create("xerts", _options, new ApiKeyHeaderAuthenticator("API-Key", "wrong-key-0123456789")));
        var ex = await Assert.ThrowsAsync<PlatformException>(() => wrong.IssueAsync(site.Id, "d", Ct));

        Assert.Equal(NfcActionState.Done, outcome.State);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.Status);
    }
}

using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Connectors.BeeLiked;
using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.CloudBridge.Tests.Support;
using EdgeGateway.PlatformFakes.BeeLiked;

namespace EdgeGateway.CloudBridge.Tests.Actions;

/// <summary>The BeeLiked entry-link action against the seed-faithful fake: OAuth from /authorize, token expiry, field values.</summary>
public sealed class BeeLikedContractTests : IAsyncLifetime
{
    private const string ClientId = "beeliked-client-0123";
    private const string Secret = "beeliked-secret-0123456789";
    private readonly FakeClock _clock = new(Messages.T0);
    private readonly BeeLikedFake _fake;
    private BeeLikedOptions _options = null!;
    private BeeLikedAuthenticator _authenticator = null!;
    private PlatformClient _client = null!;

    public BeeLikedContractTests() => _fake = new BeeLikedFake(ClientId, Secret, _clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _fake.StartAsync(Ct);
        _options = PlatformClients.Fast(new BeeLikedOptions { ClientId = ClientId, ClientSecret = Secret }, _fake.ApiUrl);
        var redactor = new SecretRedactor(Secret);
        _authenticator = new BeeLikedAuthenticator(_options, redactor, _clock);
        _client = PlatformClients.Create("beeliked", _options, _authenticator, null, Secret);
        _authenticator.Client = _client;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _authenticator.Dispose();
        await _fake.DisposeAsync();
    }

    private static NfcActionRequest Request(long promotionId) => new(
        new NfcActionRule { Name = "entry", TagUid = "045a6b7c8d9ea0", Action = NfcActionKinds.PromotionEntry, PromotionId = promotionId, EntryUid = "tag-{uid}", FieldValues = { ["store"] = "{site}" } },
        "gw-1/nfc/7", "gw-1", "shop-1", "045a6b7c8d9ea0", Resumed: false);

    [Fact]
    public async Task An_entry_link_is_requested_with_the_bearer_token_uid_and_field_values()
    {
        var promotion = _fake.AddPromotion("Pool party", entryLinkEnabled: true, "store");

        var outcome = await new BeeLikedEntryAction(_client, _options).RunAsync(Request(promotion.Id), Ct);

        var link = Assert.Single(_fake.EntryLinks());
        Assert.Equal((NfcActionState.Done, link.Url), (outcome.State, outcome.Result));
        Assert.Equal((promotion.Id, "tag-045a6b7c8d9ea0"), (link.PromotionId, link.Uid));
        Assert.Equal("shop-1", link.FieldValues["store"]);
        Assert.StartsWith(promotion.MicrositeUrl + "?signon?c=", link.Url, StringComparison.Ordinal);
        var authorize = Assert.Single(_fake.RequestsTo("/v1/authorize"));
        Assert.StartsWith("multipart/form-data", authorize.ContentType, StringComparison.Ordinal);
        Assert.Contains("name=client_id", authorize.Body, StringComparison.Ordinal);
        Assert.StartsWith("Bearer eyJ", Assert.Single(_fake.RequestsTo("/v1/addons")).Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_answered_403_is_renewed_once_and_the_call_repeated()
    {
        var promotion = _fake.AddPromotion("Pool party", entryLinkEnabled: true, "store");
        var action = new BeeLikedEntryAction(_client, _options);
        await action.RunAsync(Request(promotion.Id), Ct);
        _fake.ExpireTokens();

        var outcome = await action.RunAsync(Request(promotion.Id), Ct);

        Assert.True(outcome.State == NfcActionState.Done, outcome.Detail);
        Assert.Equal(2, _fake.Authorizations);
        Assert.Equal([200, 403, 200], _fake.RequestsTo("/v1/addons").Select(r => r.Status));
    }

    [Fact]
    public async Task A_token_is_renewed_before_its_300_seconds_run_out()
    {
        var promotion = _fake.AddPromotion("Pool party", entryLinkEnabled: true, "store");
        var action = new BeeLikedEntryAction(_client, _options);
        await action.RunAsync(Request(promotion.Id), Ct);
        _clock.Advance(TimeSpan.FromSeconds(280));

        var outcome = await action.RunAsync(Request(promotion.Id), Ct);

        Assert.Equal(NfcActionState.Done, outcome.State);
        Assert.Equal(2, _fake.Authorizations);
        Assert.DoesNotContain(_fake.Requests, r => r.Status == 403);
    }

    [Fact]
    public async Task A_promotion_without_the_entry_link_add_on_is_refused_with_the_platforms_message()
    {
        var promotion = _fake.AddPromotion("No links", entryLinkEnabled: false);

        var outcome = await new BeeLikedEntryAction(_client, _options).RunAsync(Request(promotion.Id), Ct);

        Assert.Equal(NfcActionState.Refused, outcome.State);
        Assert.Contains("EntryLink add-on is not enabled", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_secret_is_a_final_400_and_the_secret_is_not_in_the_error()
    {
        var options = PlatformClients.Fast(new BeeLikedOptions { ClientId = ClientId, ClientSecret = "wrong-secret-0123456789" }, _fake.ApiUrl);
        using var authenticator = new BeeLikedAuthenticator(options, new SecretRedactor("wrong-secret-0123456789"), _clock);
        using var client = PlatformClients.Create("beeliked", options, authenticator, null, "wrong-secret-0123456789");
        authenticator.Client = client;

        var ex = await Assert.ThrowsAsync<PlatformException>(() => new BeeLikedEntryAction(client, options).RunAsync(Request(1), Ct));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, ex.Status);
        Assert.DoesNotContain("wrong-secret", ex.Message, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using System.Threading.Channels;
using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.CloudBridge.Tests.Support;
using EdgeGateway.PlatformFakes.BeeLiked;
using EdgeGateway.PlatformFakes.WifiVouchers;
using EdgeGateway.PlatformFakes.Xerts;
using EdgeGateway.Protocol.Commands;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Streams;
using EdgeGateway.Testing.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using static EdgeGateway.CloudBridge.Tests.Support.Messages;

namespace EdgeGateway.CloudBridge.Tests.Actions;

/// <summary>
/// Taps through a real mosquitto into a running bridge with all three action connectors against their fakes:
/// the platform's state, the command back to the gateway, idempotency under redelivery, and a platform outage.
/// </summary>
public sealed class NfcActionBridgeTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>, IAsyncLifetime
{
    private const string WifiUid = "04a1a2a3a4a5a6";
    private const string CouponUid = "04b1b2b3b4b5b6";
    private const string EntryUrl = "https://shop.example/t/entry-1";
    private readonly WifiVoucherFake _wifi = new("wifi-key-0123456789abcdef");
    private readonly XertsFake _xerts = new("xerts-key-0123456789abcdef");
    private readonly BeeLikedFake _beeLiked = new("beeliked-client", "beeliked-secret-0123456789");
    private string _xertsSite = "";
    private long _promotion;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await Task.WhenAll(_wifi.StartAsync(Ct), _xerts.StartAsync(Ct), _beeLiked.StartAsync(Ct));
        _wifi.AddVenue("acme", "shop-1");
        _xertsSite = _xerts.AddSite("Bodeborough").Id;
        _xerts.AddOffer(_xertsSite, "Free coffee");
        _promotion = _beeLiked.AddPromotion("Pool party", entryLinkEnabled: true, "store").Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _wifi.DisposeAsync();
        await _xerts.DisposeAsync();
        await _beeLiked.DisposeAsync();
    }

    private void Configure(BridgeOptions o)
    {
        o.Connectors.BackoffMinMs = 50;
        o.Connectors.BackoffMaxMs = 300;
        Fast(PlatformClients.Fast(o.Connectors.WifiVouchers, _wifi.ApiUrl)).ApiKey = _wifi.ApiKey;
        o.Connectors.WifiVouchers.Team = "acme";
        Fast(PlatformClients.Fast(o.Connectors.Xerts, _xerts.ApiUrl)).ApiKey = _xerts.ApiKey;
        o.Connectors.Xerts.Sites["shop-1"] = _xertsSite;
        var bee = Fast(PlatformClients.Fast(o.Connectors.BeeLiked, _beeLiked.ApiUrl));
        (bee.ClientId, bee.ClientSecret) = (_beeLiked.ClientId, _beeLiked.ClientSecret);
        o.NfcActions.Rules.Add(new NfcActionRule { Name = "till-wifi", Site = "shop-1", TagUid = WifiUid, Action = NfcActionKinds.WifiVoucher, Days = 1, MaxDevices = 2 });
        o.NfcActions.Rules.Add(new NfcActionRule { Name = "door-coupon", TagUid = CouponUid, Action = NfcActionKinds.Coupon, Activate = true });
        var entry = new NfcActionRule { Name = "shelf-entry", TagUrlPrefix = "https://shop.example/t/entry", Action = NfcActionKinds.PromotionEntry, PromotionId = _promotion, EntryUid = "tag-{uid}" };
        entry.FieldValues["store"] = "{site}";
        o.NfcActions.Rules.Add(entry);
    }

    private static T Fast<T>(T options)
        where T : PlatformHttpOptions
    {
        options.MaxRetries = 1;
        options.BreakerBreakMs = 500;
        return options;
    }

    private static IReadOnlyList<JsonElement> Items(params TagReadItem[] taps) =>
        [.. taps.Select(t => JsonSerializer.SerializeToElement(t, ProtocolJsonContext.Default.TagReadItem))];

    private static async Task<CommandRequest> NextAsync(BridgeUnderTest bridge, ChannelReader<CommandRequest> commands, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            return await commands.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"no command within 30 s: {what}; connectors {await bridge.GetJsonAsync("/api/v1/connectors/")}; actions {await bridge.GetJsonAsync("/api/v1/nfc-actions/")}; tags {await bridge.GetJsonAsync("/api/v1/nfc-tags/")}; metrics {string.Join(" | ", bridge.Metrics.Render().Split('\n').Where(l => l.Contains("connector_events", StringComparison.Ordinal) || l.Contains("bad_items", StringComparison.Ordinal) || l.Contains("enqueue", StringComparison.Ordinal) || l.Contains("rejected", StringComparison.Ordinal)))}");
            throw;
        }
    }

    [Fact]
    public async Task Each_rule_runs_its_platform_once_and_answers_the_gateway_however_often_the_tap_arrives()
    {
        await using var bridge = await BridgeUnderTest.StartAsync(mosquitto.Broker.Port, Configure);
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(mosquitto.Broker.Port, "gw-act");
        var commands = await gateway.WatchCommandsAsync();
        await gateway.PublishBirthAsync(1, "shop-1");
        var taps = Items(Tap(WifiUid, url: null), Tap(CouponUid, url: null), Tap("04c1c2c3c4c5c6", url: EntryUrl), Tap("04d1d2d3d4d5d6", url: "https://other.example/"));

        await gateway.PublishEnvelopeAsync(StreamNames.Nfc, 1, taps);
        await gateway.PublishEnvelopeAsync(StreamNames.Nfc, 1, taps);
        var received = new List<CommandRequest>();
        for (var i = 0; i < 3; i++)
        {
            received.Add(await NextAsync(bridge, commands, $"command {i + 1} of 3"));
        }

        // Once the ledger says all three are done (command sent and noted), the same event handed to each connector
        // again, as after a batch retried on a partial failure. (Handing it over while the first run is still between
        // "published" and "noted" resends the command with the same request id; the platform is not called twice.)
        for (var wait = 0; (await bridge.GetJsonAsync("/api/v1/nfc-actions/?state=done")).GetProperty("count").GetInt32() < 3; wait++)
        {
            Assert.True(wait < 200, "the ledger never showed three done actions");
            await Task.Delay(50, Ct);
        }

        var again = new ConnectorEvent
        {
            Kind = ConnectorEventKind.Taps, GatewayId = "gw-act", Stream = StreamNames.Nfc, Seq = 1, ItemSeqs = [1, 2, 3, 4], At = T0,
            Taps = [.. taps.Select(t => t.Deserialize(ProtocolJsonContext.Default.TagReadItem)!)],
        };
        foreach (var connector in bridge.Services.GetServices<IConnector>())
        {
            await connector.HandleAsync([again], Ct);
        }

        var voucher = Assert.Single(_wifi.Vouchers());
        var coupon = Assert.Single(_xerts.Coupons());
        var link = Assert.Single(_beeLiked.EntryLinks());
        Assert.Equal(2, voucher.MaxDevices);
        Assert.NotNull(coupon.RedeemedOn);
        Assert.Equal(("tag-04c1c2c3c4c5c6", "shop-1"), (link.Uid, link.FieldValues["store"]));
        var shown = received.Where(c => c.Name == NfcCommandNames.ShowCode).Select(c => c.Args!.Value.Deserialize(ProtocolJsonContext.Default.ShowCodeArgs)!).ToList();
        Assert.Equal([(NfcActionKinds.Coupon, coupon.RedeemCode, CouponUid), (NfcActionKinds.WifiVoucher, voucher.Code, WifiUid)],
            shown.Select(s => (s.Kind, s.Code, s.TagUid!)).Order());
        var write = Assert.Single(received, c => c.Name == NfcCommandNames.WriteUrl).Args!.Value.Deserialize(ProtocolJsonContext.Default.WriteUrlArgs)!;
        Assert.Equal(link.Url, write.Url);
        Assert.All(received, c => Assert.True(c.ExpiresAt > DateTimeOffset.UtcNow));
        Assert.False(commands.TryRead(out var extra), $"an extra command {extra?.Name}");
        var actions = await bridge.GetJsonAsync("/api/v1/nfc-actions/?state=done");
        Assert.Equal(3, actions.GetProperty("count").GetInt32());
        Assert.All(actions.GetProperty("results").EnumerateArray(), a => Assert.StartsWith("nfc-", a.GetProperty("command_id").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_platform_that_is_down_keeps_its_taps_and_resumes_while_the_others_carry_on()
    {
        await using var bridge = await BridgeUnderTest.StartAsync(mosquitto.Broker.Port, Configure);
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(mosquitto.Broker.Port, "gw-down");
        var commands = await gateway.WatchCommandsAsync();
        await gateway.PublishBirthAsync(1, "shop-1");
        _wifi.Faults.IsDown = true;

        await gateway.PublishEnvelopeAsync(StreamNames.Nfc, 1, Items(Tap(WifiUid, url: null), Tap(CouponUid, url: null)));
        var coupon = await NextAsync(bridge, commands, "the coupon while the Wi-Fi platform is down");
        await Eventually.TrueAsync(async () =>
        {
            var status = await bridge.GetJsonAsync("/api/v1/connectors/");
            var wifi = status.GetProperty("results").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "wifivouchers");
            return wifi.GetProperty("queue_depth").GetInt64() == 1 && wifi.GetProperty("failures").GetInt64() > 0;
        }, "the Wi-Fi connector keeps the tap queued and reports the outage");
        Assert.Empty(_wifi.Vouchers());
        _wifi.Faults.IsDown = false;
        var voucher = await NextAsync(bridge, commands, "the voucher once the platform is back");

        Assert.Equal(NfcActionKinds.Coupon, coupon.Args!.Value.GetProperty("kind").GetString());
        Assert.Equal(Assert.Single(_wifi.Vouchers()).Code, voucher.Args!.Value.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_refusal_is_recorded_on_the_fleet_api_and_sends_nothing()
    {
        await using var bridge = await BridgeUnderTest.StartAsync(mosquitto.Broker.Port, o =>
        {
            Configure(o);
            o.Connectors.Xerts.Sites["shop-1"] = "no-such-site";
        });
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(mosquitto.Broker.Port, "gw-refused");
        var commands = await gateway.WatchCommandsAsync();
        await gateway.PublishBirthAsync(1, "shop-1");

        await gateway.PublishEnvelopeAsync(StreamNames.Nfc, 1, Items(Tap(CouponUid, url: null)));
        await Eventually.TrueAsync(async () => (await bridge.GetJsonAsync("/api/v1/nfc-actions/?state=refused")).GetProperty("count").GetInt32() == 1, "the refusal is recorded");

        var row = (await bridge.GetJsonAsync("/api/v1/nfc-actions/?state=refused")).GetProperty("results")[0];
        Assert.Equal($"Xerts 404: {XertsFake.SiteNotFound}", row.GetProperty("detail").GetString());
        Assert.False(commands.TryRead(out _));
        Assert.Empty(_xerts.Coupons());
    }
}

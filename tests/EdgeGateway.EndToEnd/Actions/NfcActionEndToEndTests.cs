using System.Globalization;
using System.Text.Json;
using EdgeGateway.Edge.Nfc;
using EdgeGateway.EndToEnd.Bridge;
using EdgeGateway.EndToEnd.Processes;
using EdgeGateway.PlatformFakes.BeeLiked;
using EdgeGateway.PlatformFakes.WifiVouchers;
using EdgeGateway.PlatformFakes.Xerts;
using EdgeGateway.Protocol.Commands;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Topics;
using EdgeGateway.Testing.Mqtt;
using EdgeGateway.Testing.Postgres;
using EdgeGateway.Testing.Tools;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeGateway.EndToEnd.Actions;

/// <summary>
/// The whole round trip per platform: the emulated PN532 of a real `edgegw run --simulate` process reads its demo
/// tag, the tap goes through a real mosquitto into a real bridge process (PostgreSQL), the rule runs against the
/// platform's fake, and the gateway executes the command that comes back (and answers it on cmd-result).
/// </summary>
public sealed class NfcActionEndToEndTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string GatewayId = "sim-gw-1";
    private const string Site = "demo-shop";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string DemoUid => Convert.ToHexStringLower(NfcSimulation.DemoUid);

    private static string[] Rule(string action, params string[] parameters) =>
    [
        "NfcActions:Rules:0:Name=demo", $"NfcActions:Rules:0:Site={Site}", $"NfcActions:Rules:0:TagUid={DemoUid}", $"NfcActions:Rules:0:Action={action}",
        .. parameters.Select(p => $"NfcActions:Rules:0:{p}"),
        "Connectors:BackoffMinMs=100", "Connectors:BackoffMaxMs=1000",
        $"Connectors:QueuePath={Path.Combine(Directory.CreateTempSubdirectory("egw-e2e-queue-").FullName, "connectors.db")}",
    ];

    /// <summary>Runs broker, bridge (with <paramref name="settings"/>) and gateway; returns the gateway's answer to the bridge's command.</summary>
    private async Task<(CommandResult Result, string GatewayOutput)> RoundTripAsync(string[] settings)
    {
        ExternalProgram.Mosquitto.Require();
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions(), Ct);
        var database = await postgres.CreateDatabaseAsync();
        await using var bridge = await BridgeProcess.StartAsync(broker.Port, $"bridge-{Guid.NewGuid():N}", "actions", database, settings);

        using var watcher = new MqttClientFactory().CreateMqttClient();
        var answered = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.ApplicationMessageReceivedAsync += e =>
        {
            var reader = new Utf8JsonReader(e.ApplicationMessage.Payload);
            answered.TrySetResult(JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.CommandResult)!);
            return Task.CompletedTask;
        };
        await watcher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("watcher").Build(), Ct);
        await watcher.SubscribeAsync($"{GatewayTopics.Root}/{GatewayId}/cmd-result/+", MqttQualityOfServiceLevel.AtLeastOnce, Ct);

        await using var gateway = await GatewayProcess.StartSimulatedAsync(
        [
            "--set", "Uplink:Host=127.0.0.1", "--set", $"Uplink:Port={broker.Port.ToString(CultureInfo.InvariantCulture)}", "--set", "Uplink:UseTls=false",
            "--set", "Uplink:ReconnectMinDelay=00:00:00.200", "--set", "Uplink:ReconnectMaxDelay=00:00:01",
        ]);
        var done = await Task.WhenAny(answered.Task, Task.Delay(TimeSpan.FromSeconds(90), Ct));
        Assert.True(done == answered.Task, $"no command result within 90 s\nbridge:\n{bridge.Output}\ngateway:\n{gateway.Output}");
        return (await answered.Task, gateway.Output);
    }

    [Fact]
    public async Task A_tap_earns_a_wifi_voucher_at_the_sites_venue_and_the_gateway_shows_its_code()
    {
        await using var wifi = new WifiVoucherFake("wifi-key-0123456789abcdef");
        await wifi.StartAsync(Ct);
        var venue = wifi.AddVenue("acme", Site);

        var (result, output) = await RoundTripAsync(
        [
            .. Rule("wifi-voucher", "Days=1", "DownSpeedMbps=20", "MaxDevices=1"),
            $"Connectors:WifiVouchers:BaseUrl={wifi.ApiUrl}", $"Connectors:WifiVouchers:ApiKey={wifi.ApiKey}", "Connectors:WifiVouchers:Team=acme",
        ]);

        var voucher = Assert.Single(wifi.Vouchers());
        Assert.Equal((venue.Id, 1, 20, 1), (voucher.VenueId, voucher.NumberOfDays, voucher.Downspeed, voucher.MaxDevices));
        Assert.True(result.Ok, result.Error);
        Assert.Contains($"Showing wifi-voucher code {voucher.Code} for tag {DemoUid}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tap_earns_an_xerts_coupon_for_the_tag_and_the_gateway_shows_its_redeem_code()
    {
        await using var xerts = new XertsFake("xerts-key-0123456789abcdef");
        await xerts.StartAsync(Ct);
        var site = xerts.AddSite("Demo shop");
        xerts.AddOffer(site.Id, "Free coffee");

        var (result, output) = await RoundTripAsync(
        [
            .. Rule("coupon", "Activate=true"),
            $"Connectors:Xerts:BaseUrl={xerts.ApiUrl}", $"Connectors:Xerts:ApiKey={xerts.ApiKey}", $"Connectors:Xerts:Sites:{Site}={site.Id}",
        ]);

        var coupon = Assert.Single(xerts.Coupons());
        Assert.Equal(DemoUid, coupon.DeviceId);
        Assert.NotNull(coupon.RedeemedOn);
        Assert.True(result.Ok, result.Error);
        Assert.Contains($"Showing coupon code {coupon.RedeemCode} for tag {DemoUid}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tap_earns_a_beeliked_entry_link_that_the_gateway_writes_to_the_tag_and_reads_back()
    {
        await using var beeLiked = new BeeLikedFake("beeliked-client", "beeliked-secret-0123456789");
        await beeLiked.StartAsync(Ct);
        var promotion = beeLiked.AddPromotion("Pool party", entryLinkEnabled: true, "store");

        var (result, _) = await RoundTripAsync(
        [
            .. Rule("promotion-entry", $"PromotionId={promotion.Id.ToString(CultureInfo.InvariantCulture)}", "EntryUid=tag-{uid}", "FieldValues:store={site}"),
            $"Connectors:BeeLiked:BaseUrl={beeLiked.ApiUrl}", $"Connectors:BeeLiked:ClientId={beeLiked.ClientId}", $"Connectors:BeeLiked:ClientSecret={beeLiked.ClientSecret}",
        ]);

        var link = Assert.Single(beeLiked.EntryLinks());
        Assert.Equal(($"tag-{DemoUid}", Site), (link.Uid, link.FieldValues["store"]));
        Assert.True(result.Ok, result.Error);
        // The gateway's write result: the URL as read back from the virtual NTAG213 after writing.
        Assert.Equal(link.Url, result.Result!.Value.GetProperty("url").GetString());
        Assert.Equal(DemoUid, result.Result.Value.GetProperty("uid").GetString());
        Assert.True(result.Result.Value.GetProperty("success").GetBoolean());
    }
}

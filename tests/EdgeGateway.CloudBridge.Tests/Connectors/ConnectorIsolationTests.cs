using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.CloudBridge.Tests.Support;
using EdgeGateway.PlatformFakes.Beaconstac;
using EdgeGateway.PlatformFakes.Footprints;
using EdgeGateway.Testing.Mqtt;
using static EdgeGateway.CloudBridge.Tests.Support.Messages;

namespace EdgeGateway.CloudBridge.Tests.Connectors;

/// <summary>Two connectors in one bridge: one platform down delays only its own connector.</summary>
public sealed class ConnectorIsolationTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    [Fact]
    public async Task A_platform_that_is_down_delays_only_its_own_connector()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var beaconstac = new FakeBeaconstac("isolation-token-1");
        await using var footprints = new FakeFootprints("isolation-key", "isolation-secret");
        await beaconstac.StartAsync(ct);
        await footprints.StartAsync(ct);
        var place = beaconstac.AddPlace("shop-iso");
        var beacon = beaconstac.AddBeacon(id => new FakeBeaconstacBeacon { Id = id, Name = "b", Place = place.Id, SerialNumber = "C0FFEE0000AA" });
        beaconstac.Faults.IsDown = true;

        await using var bridge = await BridgeUnderTest.StartAsync(mosquitto.Broker.Port, o =>
        {
            (o.Connectors.Beaconstac.BaseUrl, o.Connectors.Beaconstac.Token, o.Connectors.Beaconstac.RetryBaseDelayMs) = (beaconstac.ApiUrl.AbsoluteUri, "isolation-token-1", 1);
            (o.Connectors.Footprints.BaseUrl, o.Connectors.Footprints.Key, o.Connectors.Footprints.Secret) = (footprints.BaseUrl.AbsoluteUri, "isolation-key", "isolation-secret");
            (o.Connectors.BackoffMinMs, o.Connectors.BackoffMaxMs) = (50, 200);
            // The breaker opens while the platform is down; its default 30 s pause is longer than this test waits.
            o.Connectors.Beaconstac.BreakerBreakMs = 500;
        });
        await bridge.WaitConnectedAsync();
        await using var gateway = await SimulatedGateway.ConnectAsync(mosquitto.Broker.Port, "gw-iso");
        await gateway.PublishBirthAsync(1, "shop-iso");
        for (var seq = 1; seq <= 5; seq++)
        {
            await gateway.PublishHeartbeatsAsync(seq, Heartbeat("c0:ff:ee:00:00:aa", batteryMv: 2500 + (seq * 100)));
        }

        await Eventually.TrueAsync(() => Task.FromResult(footprints.Sightings.Count == 5), "footprints gets every sighting");
        Assert.True(bridge.Metrics.Get("edgegw_bridge_connector_queue_depth", BridgeMetrics.Labels(("connector", "beaconstac"))) >= 1);
        Assert.Equal(0, beaconstac.Beacon(beacon.Id).Updates);

        beaconstac.Faults.IsDown = false;
        await Eventually.TrueAsync(() => Task.FromResult(beaconstac.Beacon(beacon.Id).Battery is not null), "beaconstac catches up");
        await Eventually.TrueAsync(
            () => Task.FromResult(bridge.Metrics.Get("edgegw_bridge_connector_queue_depth", BridgeMetrics.Labels(("connector", "beaconstac"))) == 0),
            "its queue drains");
    }
}

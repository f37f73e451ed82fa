using EdgeGateway.Edge.BeaconConfig;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Edge.Scanning;
using EdgeGateway.Edge.Tests.Diagnostics;
using EdgeGateway.Edge.Tracking;
using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Emulation.Controller;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Testing.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Edge.Tests.BeaconConfig;

/// <summary>
/// `edgegw run --simulate` against a real mosquitto: the cloud publishes desired config, the gateway configures the emulated
/// controller's virtual beacons over real HCI/ACL/ATT bytes, reports per beacon, and the scan path hears the change.
/// </summary>
public sealed class BeaconConfigFlowTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    private const string IBeacon0 = "ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:0";
    private const string IBeacon5 = "ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:5";
    private const string Eddystone2 = "eddystone:edd10000000000000007:000000000002";
    private const string Eddystone7 = "eddystone:edd10000000000000007:000000000007";
    private const string Absent = "ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:9:9";

    [Fact]
    public async Task Desired_config_over_mqtt_is_applied_rounded_or_failed_per_beacon_reported_and_heard_in_the_advertisements()
    {
        var broker = mosquitto.Broker;
        var keys = WriteKeys(new() { [Eddystone2] = VirtualStore.SimulatedLockKey.ToArray(), ["*"] = new byte[16] });
        await using var gateway = await StartAsync(broker.Port, keys);
        await using var cloud = await CloudSide.ConnectAsync(broker.Port, _gatewayId);
        var tracker = gateway.Services.GetRequiredService<BeaconTracker>();
        await WaitForAsync(() => MeasuredPower(tracker, IBeacon0) == -59, "iBeacon 1:0 heard at its calibrated -59 dBm");

        await cloud.PublishDesiredAsync(new DesiredConfig
        {
            Version = 5,
            Beacons =
            [
                new BeaconDesired { BeaconId = IBeacon0, TxPowerDbm = -2, IntervalMs = 300 },
                new BeaconDesired { BeaconId = Eddystone2, TxPowerDbm = -4 },
                new BeaconDesired { BeaconId = Eddystone7, TxPowerDbm = -4 },
                new BeaconDesired { BeaconId = Absent, TxPowerDbm = -4 },
            ],
            OwnAdvertiser = new OwnAdvertiserDesired
            {
                Frames = [new AdvertiserFrameDesired { Kind = "eddystone-uid", Namespace = "edd1ebeac04e5defa017", Instance = "0000000000a1", TxPowerAt0M = -20 }],
                TxPowerDbm = -4,
                IntervalMs = 500,
            },
        });
        var report = await cloud.WaitForReportAsync(5, TimeSpan.FromSeconds(60));

        var byId = report.Beacons.ToDictionary(b => b.BeaconId);
        Assert.Equal((BeaconConfigStates.Rounded, 0, 300), (byId[IBeacon0].State, byId[IBeacon0].TxPowerDbm!.Value, byId[IBeacon0].IntervalMs!.Value));
        Assert.True(byId[IBeacon0].Verified);
        Assert.Equal((BeaconConfigStates.Applied, -4), (byId[Eddystone2].State, byId[Eddystone2].TxPowerDbm!.Value));
        Assert.Equal((BeaconConfigStates.Failed, "wrong-lock-key"), (byId[Eddystone7].State, byId[Eddystone7].Reason));
        Assert.Equal((BeaconConfigStates.Failed, "not-in-range"), (byId[Absent].State, byId[Absent].Reason));
        Assert.Contains(report.OwnAdvertiser!.State, new[] { BeaconConfigStates.Applied, BeaconConfigStates.Rounded });
        Assert.Equal(500, report.OwnAdvertiser.IntervalMs);
        Assert.Equal(["eddystone-uid"], report.OwnAdvertiser.Frames);
        var onAir = gateway.Services.GetRequiredService<ScanningService>().Session!.Emulator!.Advertising;
        Assert.True(onAir.Enabled);
        Assert.Contains("EDD1EBEAC04E5DEFA0170000000000A1", Convert.ToHexString(onAir.Data.Span), StringComparison.Ordinal);

        // The scan path: the beacon's frames now carry the calibration for 0 dBm, 8 dB above the -8 dBm it started at.
        await WaitForAsync(() => MeasuredPower(tracker, IBeacon0) == -51, "iBeacon 1:0 advertising its new power");

        // The same version again (a redelivered retained message, or a restart with the persisted state) is ignored.
        var service = gateway.Services.GetRequiredService<BeaconConfigService>();
        await service.ApplyAsync(new DesiredConfig { Version = 5, Beacons = [new BeaconDesired { BeaconId = IBeacon0, TxPowerDbm = 4 }] }, TestContext.Current.CancellationToken);
        await WaitForAsync(() => service.StaleIgnored == 1, "version 5 ignored the second time (here or when dequeued)");
        using var restarted = new BeaconConfigService(service.Configurator, gateway.Services.GetRequiredService<OwnAdvertiserApplier>(), gateway.Services.GetRequiredService<BeaconConfigStore>(),
            gateway.Services.GetRequiredService<IOutbox>(), TimeProvider.System, gateway.Services.GetRequiredService<ILogger<BeaconConfigService>>());
        await restarted.ApplyAsync(new DesiredConfig { Version = 4 }, TestContext.Current.CancellationToken);
        Assert.Equal(1, restarted.StaleIgnored);
        Assert.DoesNotContain("0011", File.ReadAllText(keys), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_drop_mid_write_is_retried_and_an_unchanged_beacon_keeps_its_report_without_a_session()
    {
        var broker = mosquitto.Broker;
        await using var gateway = await StartAsync(broker.Port, WriteKeys([]));
        await using var cloud = await CloudSide.ConnectAsync(broker.Port, _gatewayId);
        var tracker = gateway.Services.GetRequiredService<BeaconTracker>();
        await WaitForAsync(() => MeasuredPower(tracker, IBeacon5) is not null, "iBeacon 1:5 heard");
        var emulator = gateway.Services.GetRequiredService<ScanningService>().Session!.Emulator!;
        tracker.TryGetSighting(Parse(IBeacon5), out var sighting);
        var peripheral = emulator.Links.Find(sighting.Address)!;
        peripheral.DropOnNextWrite = true;

        await cloud.PublishDesiredAsync(new DesiredConfig { Version = 11, Beacons = [new BeaconDesired { BeaconId = IBeacon5, IntervalMs = 250 }] });
        var first = await cloud.WaitForReportAsync(11, TimeSpan.FromSeconds(60));

        Assert.Equal(BeaconConfigStates.Applied, first.Beacons.Single().State);
        Assert.Equal(250, peripheral.IntervalMs);
        Assert.Equal(2, peripheral.Connections);

        await cloud.PublishDesiredAsync(new DesiredConfig { Version = 12, Beacons = [new BeaconDesired { BeaconId = IBeacon5, IntervalMs = 250 }] });
        var second = await cloud.WaitForReportAsync(12, TimeSpan.FromSeconds(60));
        Assert.Equal(BeaconConfigStates.Applied, second.Beacons.Single().State);
        Assert.Equal(2, peripheral.Connections);
    }

    [Fact]
    public async Task A_beacon_that_goes_out_of_range_fails_as_not_in_range_after_the_retries()
    {
        var broker = mosquitto.Broker;
        await using var gateway = await StartAsync(broker.Port, WriteKeys([]));
        await using var cloud = await CloudSide.ConnectAsync(broker.Port, _gatewayId);
        var tracker = gateway.Services.GetRequiredService<BeaconTracker>();
        await WaitForAsync(() => MeasuredPower(tracker, IBeacon5) is not null, "iBeacon 1:5 heard");
        tracker.TryGetSighting(Parse(IBeacon5), out var sighting);
        var peripheral = gateway.Services.GetRequiredService<ScanningService>().Session!.Emulator!.Links.Find(sighting.Address)!;
        peripheral.InRange = false;

        await cloud.PublishDesiredAsync(new DesiredConfig { Version = 21, Beacons = [new BeaconDesired { BeaconId = IBeacon5, TxPowerDbm = 0 }] });
        var report = await cloud.WaitForReportAsync(21, TimeSpan.FromSeconds(60));

        var beacon = report.Beacons.Single();
        Assert.Equal((BeaconConfigStates.Failed, "not-in-range"), (beacon.State, beacon.Reason));
        Assert.Equal(0, peripheral.Writes);
    }

    /// <summary>Each test its own gateway id: retained desired configs of one test must not reach another's gateway.</summary>
    private readonly string _gatewayId = $"bc-{Guid.NewGuid():N}"[..16];

    private Task<RunningGateway> StartAsync(int brokerPort, string keysFile) => RunningGateway.StartAsync(
        $"Gateway:GatewayId={_gatewayId}", "Scanning:SimulatedBeacons=10",
        "Uplink:Host=127.0.0.1", $"Uplink:Port={brokerPort}", "Uplink:UseTls=false",
        $"BeaconConfig:LockKeysFile={keysFile}", "BeaconConfig:ConnectTimeout=00:00:00.500", "BeaconConfig:RetryDelay=00:00:00.100",
        "BeaconConfig:Attempts=2", "BeaconConfig:HearTimeout=00:00:03");

    private static string WriteKeys(Dictionary<string, byte[]> keys)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("egw-keys-").FullName, "beacon-keys.json");
        var store = new BeaconLockKeys(path);
        foreach (var (id, key) in keys)
        {
            store.Save(id, key);
        }

        return path;
    }

    private static BeaconKey Parse(string id) => BeaconKey.TryParse(id, out var key) ? key : throw new ArgumentException(id);

    private static int? MeasuredPower(BeaconTracker tracker, string id) => tracker.TryGetSighting(Parse(id), out var s) ? s.MeasuredPower : null;

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}

using System.Text.Json;
using EdgeGateway.EndToEnd.Processes;
using EdgeGateway.PlatformFakes.Beaconstac;
using EdgeGateway.PlatformFakes.Footprints;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Topics;
using EdgeGateway.Testing.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.EndToEnd.Connectors;

/// <summary>
/// A real gateway process (`edgegw run --simulate`, its emulated radio and virtual beacons) publishing to a real
/// mosquitto, the real bridge consuming it, and the platform fakes at the end: heartbeats reach each platform,
/// and a tx_power changed on the Beaconstac-style platform comes back as the gateway's retained config/desired and
/// down to the emulated beacon's changed advertisement.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GatewayToPlatformTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    private const string BeaconstacToken = "e2e-developer-token-42";
    private const string Site = "shop-e2e";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<GatewayProcess> StartGatewayAsync(string gatewayId) => GatewayProcess.StartSimulatedAsync(
    [
        "--set", $"Gateway:GatewayId={gatewayId}", "--set", $"Gateway:Site={Site}",
        "--set", "Uplink:Host=127.0.0.1", "--set", $"Uplink:Port={mosquitto.Broker.Port}", "--set", "Uplink:UseTls=false",
        "--set", "Scanning:SimulatedBeacons=5", "--set", "Tracking:HeartbeatInterval=00:00:02",
        "--set", $"BeaconConfig:LockKeysFile={DemoLockKeys()}",
    ]);

    /// <summary>The simulated shop locks its Eddystone beacons with the public demo key; the gateway holds it as the fleet default.</summary>
    private static string DemoLockKeys()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("egw-e2e-keys-").FullName, "lock-keys.json");
        File.WriteAllText(path, "{\"*\": \"" + Convert.ToHexStringLower("edgegw-simulated"u8) + "\"}");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    [Fact]
    public async Task Beaconstac_heartbeats_reach_the_platform_and_a_platform_tx_power_reaches_the_beacons_advertisement()
    {
        await using var platform = new FakeBeaconstac(BeaconstacToken);
        await platform.StartAsync(Ct);
        var place = platform.AddPlace(Site);
        await using var bridge = await InProcessBridge.StartAsync(mosquitto.Broker.Port, o =>
        {
            o.Connectors.Beaconstac.BaseUrl = platform.ApiUrl.AbsoluteUri;
            o.Connectors.Beaconstac.Token = BeaconstacToken;
            o.Connectors.Beaconstac.PollIntervalMs = 300;
            o.Connectors.Beaconstac.PushMinIntervalMs = 0;
        });
        await using var gateway = await StartGatewayAsync("gw-e2e-bs");

        // The simulated store's Eddystone beacons send TLM (battery, temperature): register the first one heard on the platform.
        var heard = await UntilAsync(async () =>
        {
            var beacons = await bridge.GetJsonAsync($"/api/v1/beacons/?site={Site}&beacon_id__icontains=eddystone");
            return beacons.GetProperty("results").EnumerateArray()
                .FirstOrDefault(b => b.GetProperty("battery").ValueKind == JsonValueKind.Number).GetPropertyOrDefault("beacon_id");
        }, "an Eddystone beacon with battery is in the fleet", gateway);
        var parts = heard.Split(':');
        var beacon = platform.AddBeacon(id => new FakeBeaconstacBeacon
        {
            Id = id, Name = "Shelf beacon", Place = place.Id, EddystoneNid = parts[1].ToUpperInvariant(), EddystoneBid = parts[2].ToUpperInvariant(),
        });

        await UntilAsync(() => Task.FromResult(platform.Beacon(beacon.Id).Battery is > 0 ? "yes" : null), "the platform beacon gets the battery", gateway);
        Assert.InRange(platform.Beacon(beacon.Id).Temperature!.Value, 10, 35);

        await using var watcher = await DesiredWatcher.StartAsync(mosquitto.Broker.Port, "gw-e2e-bs", heard);
        var before = await watcher.MeasuredPower.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        platform.Edit(beacon.Id, b => b.TxPower = -12);
        var desired = await watcher.Received.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var entry = Assert.Single(desired.Beacons);
        Assert.Equal((heard, (int?)-12), (entry.BeaconId, entry.TxPowerDbm));
        Assert.True(desired.Version >= 1);

        // Down to the radio: the gateway connects, unlocks with the demo key, writes -12 dBm, and the emulated beacon's
        // advertisement changes (its calibrated power moves with the radio power), as the gateway's heartbeats show.
        var after = await UntilAsync(
            () => Task.FromResult(watcher.MeasuredPowers.Where(p => p != before).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)).LastOrDefault()),
            $"the beacon advertises a new calibrated power (was {before})", gateway);
        Assert.NotEqual(before.ToString(System.Globalization.CultureInfo.InvariantCulture), after);
    }

    [Fact]
    public async Task Footprints_receives_the_gateways_beacons_as_sightings_in_its_session()
    {
        await using var platform = new FakeFootprints("e2e-app-key-1234", "e2e-app-secret-5678");
        await platform.StartAsync(Ct);
        await using var bridge = await InProcessBridge.StartAsync(mosquitto.Broker.Port, o =>
        {
            o.Connectors.Footprints.BaseUrl = platform.BaseUrl.AbsoluteUri;
            o.Connectors.Footprints.Key = "e2e-app-key-1234";
            o.Connectors.Footprints.Secret = "e2e-app-secret-5678";
        });
        await using var gateway = await StartGatewayAsync("gw-e2e-fp");

        await UntilAsync(() => Task.FromResult(platform.Sightings.Count >= 3 ? "yes" : null), "sightings arrive", gateway);
        var session = Assert.Single(platform.Sessions);
        Assert.Equal("edgegw-gateway/gw-e2e-fp", session.Fields["technicalInfo[browserUserAgent]"]);
        Assert.All(platform.Sightings, s => Assert.Equal(session.MobileId, s.MobileId));
        var ibeacon = platform.Sightings.First(s => s.Fields["name"].StartsWith("ibeacon:", StringComparison.Ordinal));
        Assert.Equal("f7826da6-4fa2-4e98-8024-bc5b71e0893e", ibeacon.Fields["uuid"]);
        Assert.True(int.Parse(ibeacon.Fields["rssi"], System.Globalization.CultureInfo.InvariantCulture) < 0);
        Assert.Contains("major", ibeacon.Fields.Keys);
    }

    private static async Task<string> UntilAsync(Func<Task<string?>> probe, string what, GatewayProcess gateway)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (HttpRequestException)
            {
                // the bridge API is still starting
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"timed out waiting until {what}; gateway output:\n{gateway.Output}");
        return string.Empty;
    }

    /// <summary>
    /// Subscribes to a gateway's retained config/desired like the gateway does (keeps the first document) and to its
    /// heartbeats (keeps the calibrated power one beacon advertises).
    /// </summary>
    private sealed class DesiredWatcher : IAsyncDisposable
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
        private readonly System.Collections.Concurrent.ConcurrentQueue<int> _powers = new();

        public TaskCompletionSource<DesiredConfig> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<int> MeasuredPower { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<int> MeasuredPowers => [.. _powers];

        public static async Task<DesiredWatcher> StartAsync(int port, string gatewayId, string beaconId)
        {
            var watcher = new DesiredWatcher();
            var heartbeats = GatewayTopics.Up(gatewayId, "heartbeats");
            watcher._client.ApplicationMessageReceivedAsync += e =>
            {
                var reader = new Utf8JsonReader(e.ApplicationMessage.Payload);
                if (e.ApplicationMessage.Topic != heartbeats)
                {
                    watcher.Received.TrySetResult(JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.DesiredConfig)!);
                    return Task.CompletedTask;
                }

                var envelope = JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.UpEnvelope)!;
                foreach (var item in envelope.Items.Select(i => i.Deserialize(ProtocolJsonContext.Default.HeartbeatItem)!))
                {
                    if (item.BeaconId == beaconId && item.MeasuredPower is { } power)
                    {
                        watcher._powers.Enqueue(power);
                        watcher.MeasuredPower.TrySetResult(power);
                    }
                }

                return Task.CompletedTask;
            };
            await watcher._client.ConnectAsync(
                new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId($"watch-{Guid.NewGuid():N}").Build(), Ct);
            await watcher._client.SubscribeAsync(GatewayTopics.ConfigDesired(gatewayId), MqttQualityOfServiceLevel.AtLeastOnce, Ct);
            await watcher._client.SubscribeAsync(heartbeats, MqttQualityOfServiceLevel.AtLeastOnce, Ct);
            return watcher;
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }

            _client.Dispose();
        }
    }
}

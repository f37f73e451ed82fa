using System.Text.Json;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Edge.Uplink;
using EdgeGateway.Protocol.Streams;
using EdgeGateway.Protocol.Topics;
using EdgeGateway.Testing.Mqtt;

namespace EdgeGateway.EndToEnd.Uplink;

/// <summary>The real outbox and uplink against a real mosquitto on loopback.</summary>
public class UplinkDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Everything_appended_arrives_in_order_per_stream_without_gaps()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoBroker.StartAsync(FleetAcl(), ct);
        await using var cloud = await UpCollector.StartAsync(broker, ct);
        await using var gateway = new GatewayUnderTest(GatewayUnderTest.PlainOptions("gw-order", broker.Host, broker.Port));
        await gateway.StartAsync(ct);

        for (var chunk = 0; chunk < 10; chunk++)
        {
            await gateway.AppendAsync(StreamNames.Heartbeats, chunk * 500, 500, OutboxPriority.Bulk, ct);
            await gateway.AppendAsync(StreamNames.Nfc, chunk * 10, 10, OutboxPriority.Normal, ct);
        }

        await cloud.WaitForDistinctAsync(5_100, Patience, ct);
        cloud.AssertInOrderWithoutGaps(StreamNames.Heartbeats, 5_000);
        cloud.AssertInOrderWithoutGaps(StreamNames.Nfc, 100);
        Assert.Equal(Enumerable.Range(0, 5_000), cloud.Distinct().Where(i => i.Stream == StreamNames.Heartbeats).Select(i => i.N));
        await WaitUntilAsync(() => gateway.Outbox.State.Backlog == 0, ct);
        var state = gateway.Uplink.State;
        Assert.True(state.Connected);
        Assert.NotNull(state.ConnectedSince);
        Assert.NotNull(state.LastPublishAt);
        Assert.Equal($"{broker.Host}:{broker.Port}", state.Broker);
    }

    [Fact]
    public async Task A_broker_outage_during_a_burst_loses_nothing_and_keeps_order()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoBroker.StartAsync(FleetAcl(), ct);
        await using var cloud = await UpCollector.StartAsync(broker, ct);
        await using var gateway = new GatewayUnderTest(GatewayUnderTest.PlainOptions("gw-outage", broker.Host, broker.Port));
        await gateway.StartAsync(ct);

        var burst = Task.Run(
            async () =>
            {
                for (var chunk = 0; chunk < 40; chunk++)
                {
                    await gateway.AppendAsync(StreamNames.Heartbeats, chunk * 500, 500, OutboxPriority.Bulk, ct);
                    await gateway.AppendAsync(StreamNames.Events, chunk, 1, OutboxPriority.Normal, ct);
                    await Task.Delay(25, ct);
                }
            },
            ct);

        await cloud.WaitForDistinctAsync(2_000, Patience, ct);
        broker.Kill();
        await Task.Delay(1_500, ct);
        Assert.False(gateway.Uplink.State.Connected);
        Assert.NotNull(gateway.Uplink.State.LastError);

        // Back with writes refused until the cloud side has resubscribed (the broker keeps no sessions),
        // so nothing the gateway publishes can fall between the two.
        await File.WriteAllTextAsync(Path.Combine(broker.Directory, GatewayAcl.FileName), GatewayAcl.ReadOnly, ct);
        await broker.RestartAsync(ct);
        await cloud.ConnectAsync(ct);
        await File.WriteAllTextAsync(Path.Combine(broker.Directory, GatewayAcl.FileName), GatewayAcl.Fleet, ct);
        broker.ReloadConfiguration();

        await burst;
        await cloud.WaitForDistinctAsync(20_040, Patience, ct);
        cloud.AssertInOrderWithoutGaps(StreamNames.Heartbeats, 20_000);
        cloud.AssertInOrderWithoutGaps(StreamNames.Events, 40);
        Assert.True(gateway.Uplink.State.Reconnects >= 1);
    }

    [Fact]
    public async Task Desired_config_and_commands_reach_the_services_and_results_go_back()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoBroker.StartAsync(cancellationToken: ct); // the fleet ACL would refuse the test's cloud client
        await using var cloud = await UpCollector.StartAsync(broker, ct);
        var sink = new RecordingSink();
        await using var gateway = new GatewayUnderTest(
            GatewayUnderTest.PlainOptions("gw-cmd", broker.Host, broker.Port), handlers: [new EchoCommand()], sinks: [sink]);
        await gateway.StartAsync(ct);
        await cloud.WaitForMessageAsync((topic, _) => topic == GatewayTopics.Status("gw-cmd"), Patience, ct);

        await PublishAsync(broker, GatewayTopics.ConfigDesired("gw-cmd"), """{"v":1,"version":3,"beacons":[{"beaconId":"b1","txPowerDbm":-8}]}""", ct);
        await PublishAsync(broker, GatewayTopics.ConfigDesired("gw-cmd"), """{"v":1,"version":2}""", ct);
        await PublishAsync(broker, GatewayTopics.Command("gw-cmd", "r-1"), """{"v":1,"requestId":"r-1","name":"echo","args":{"x":1}}""", ct);
        await PublishAsync(broker, GatewayTopics.Command("gw-cmd", "r-2"), """{"v":1,"requestId":"r-2","name":"reboot"}""", ct);
        await PublishAsync(broker, GatewayTopics.Command("gw-cmd", "r-3"), """{"v":7,"requestId":"r-3","name":"echo"}""", ct);

        var ok = await cloud.WaitForMessageAsync((topic, _) => topic == GatewayTopics.CommandResult("gw-cmd", "r-1"), Patience, ct);
        var unknown = await cloud.WaitForMessageAsync((topic, _) => topic == GatewayTopics.CommandResult("gw-cmd", "r-2"), Patience, ct);
        var badVersion = await cloud.WaitForMessageAsync((topic, _) => topic == GatewayTopics.CommandResult("gw-cmd", "r-3"), Patience, ct);
        using (var result = JsonDocument.Parse(ok))
        {
            Assert.True(result.RootElement.GetProperty("ok").GetBoolean());
            Assert.Equal(1, result.RootElement.GetProperty("result").GetProperty("x").GetInt32());
        }

        Assert.Contains("unknown command 'reboot'", JsonDocument.Parse(unknown).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("unsupported protocol version v=7", JsonDocument.Parse(badVersion).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        await WaitUntilAsync(() => !sink.Received.IsEmpty, ct);
        Assert.Equal(3, Assert.Single(sink.Received).Version); // version 2 arrived later but is older: ignored
        Assert.True(gateway.Uplink.State.RejectedIncoming >= 1);
    }

    internal static MosquittoOptions FleetAcl() => new()
    {
        ExtraConfiguration = GatewayAcl.Configuration,
        Files = new Dictionary<string, string> { [GatewayAcl.FileName] = GatewayAcl.Fleet },
    };

    internal static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(50, ct);
        }
    }

    private static async Task PublishAsync(MosquittoBroker broker, string topic, string payload, CancellationToken ct)
    {
        using var client = new MQTTnet.MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(
            new MQTTnet.MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithClientId("cloud-" + Guid.NewGuid().ToString("N")).Build(),
            ct);
        await client.PublishAsync(
            new MQTTnet.MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            ct);
        await client.DisconnectAsync(new MQTTnet.MqttClientDisconnectOptionsBuilder().Build(), ct);
    }

    private sealed class RecordingSink : IDesiredConfigSink
    {
        public System.Collections.Concurrent.ConcurrentQueue<EdgeGateway.Protocol.Config.DesiredConfig> Received { get; } = new();

        public ValueTask ApplyAsync(EdgeGateway.Protocol.Config.DesiredConfig desired, CancellationToken cancellationToken)
        {
            Received.Enqueue(desired);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class EchoCommand : ICommandHandler
    {
        public string Name => "echo";

        public ValueTask<JsonElement?> ExecuteAsync(EdgeGateway.Protocol.Commands.CommandRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request.Args);
    }
}

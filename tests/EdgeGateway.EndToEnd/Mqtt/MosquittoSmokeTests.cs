using System.Text;
using EdgeGateway.Testing.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.EndToEnd.Mqtt;

/// <summary>Proves the shared mosquitto fixture gives tests a real broker that MQTTnet 5 can talk to.</summary>
public class MosquittoSmokeTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    [Fact]
    public async Task A_message_published_at_qos1_is_received_by_a_subscriber()
    {
        var ct = TestContext.Current.CancellationToken;
        var broker = mosquitto.Broker;
        var factory = new MqttClientFactory();
        using var subscriber = factory.CreateMqttClient();
        using var publisher = factory.CreateMqttClient();
        var received = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage);
            return Task.CompletedTask;
        };

        await subscriber.ConnectAsync(Options(broker, "smoke-sub"), ct);
        await subscriber.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter("gw/v1/smoke/#", MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            ct);
        await publisher.ConnectAsync(Options(broker, "smoke-pub"), ct);
        var result = await publisher.PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic("gw/v1/smoke/up/heartbeats")
                .WithPayload("{\"seq\":1}")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            ct);

        Assert.True(result.IsSuccess, result.ReasonString);
        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal("gw/v1/smoke/up/heartbeats", message.Topic);
        Assert.Equal("{\"seq\":1}", Encoding.UTF8.GetString(message.Payload));
    }

    [Fact]
    public async Task A_killed_broker_restarts_on_the_same_port()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoBroker.StartAsync(cancellationToken: ct);
        var port = broker.Port;

        broker.Kill();
        Assert.False(broker.IsRunning);
        await broker.RestartAsync(ct);

        Assert.True(broker.IsRunning);
        Assert.Equal(port, broker.Port);
        using var client = new MqttClientFactory().CreateMqttClient();
        var connected = await client.ConnectAsync(Options(broker, "after-restart"), ct);
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
    }

    private static MqttClientOptions Options(MosquittoBroker broker, string clientId) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .Build();
}

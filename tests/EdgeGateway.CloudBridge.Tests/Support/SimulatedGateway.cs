using System.Text.Json;
using EdgeGateway.Protocol;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Envelopes;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Status;
using EdgeGateway.Protocol.Streams;
using EdgeGateway.Protocol.Topics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.CloudBridge.Tests.Support;

/// <summary>A gateway as the bridge sees it: an MQTT 5 client publishing the contract's payloads at QoS 1.</summary>
public sealed class SimulatedGateway : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    private SimulatedGateway(string gatewayId) => GatewayId = gatewayId;

    public string GatewayId { get; }

    public static async Task<SimulatedGateway> ConnectAsync(int port, string gatewayId, GatewayStatus? will = null)
    {
        var gateway = new SimulatedGateway(gatewayId);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(gatewayId);
        if (will is not null)
        {
            options = options.WithWillTopic(GatewayTopics.Status(gatewayId))
                .WithWillPayload(JsonSerializer.SerializeToUtf8Bytes(will, ProtocolJsonContext.Default.GatewayStatus))
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithWillRetain();
        }

        await gateway._client.ConnectAsync(options.Build(), TestContext.Current.CancellationToken);
        return gateway;
    }

    public Task PublishHeartbeatsAsync(long seq, params HeartbeatItem[] items) =>
        PublishEnvelopeAsync(StreamNames.Heartbeats, seq, items.Select(i => JsonSerializer.SerializeToElement(i, ProtocolJsonContext.Default.HeartbeatItem)).ToList());

    public Task PublishEnvelopeAsync(string stream, long seq, IReadOnlyList<JsonElement> items) =>
        PublishAsync(GatewayTopics.Up(GatewayId, stream), JsonSerializer.SerializeToUtf8Bytes(
            new UpEnvelope { Version = ProtocolVersion.Current, GatewayId = GatewayId, Stream = stream, Seq = seq, SentAt = Messages.T0, Items = items },
            ProtocolJsonContext.Default.UpEnvelope));

    public Task PublishBirthAsync(long session, string site) =>
        PublishAsync(GatewayTopics.Status(GatewayId), JsonSerializer.SerializeToUtf8Bytes(
            new GatewayStatus { Online = true, Session = session, GatewayId = GatewayId, Site = site, SoftwareVersion = "0.1.0+test" },
            ProtocolJsonContext.Default.GatewayStatus), retain: true);

    public Task PublishReportedAsync(ReportedConfig reported) =>
        PublishAsync(GatewayTopics.ConfigReported(GatewayId), JsonSerializer.SerializeToUtf8Bytes(reported, ProtocolJsonContext.Default.ReportedConfig), retain: true);

    public async Task PublishAsync(string topic, byte[] payload, bool retain = false)
    {
        var result = await _client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build(),
            TestContext.Current.CancellationToken);
        Assert.True(result.IsSuccess, $"publish to {topic}: {result.ReasonCode} {result.ReasonString}");
    }

    /// <summary>Subscribes to this gateway's retained desired config and returns the first document received.</summary>
    public async Task<TaskCompletionSource<DesiredConfig>> WatchDesiredAsync()
    {
        var received = new TaskCompletionSource<DesiredConfig>(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == GatewayTopics.ConfigDesired(GatewayId))
            {
                var reader = new Utf8JsonReader(e.ApplicationMessage.Payload);
                received.TrySetResult(JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.DesiredConfig)!);
            }

            return Task.CompletedTask;
        };
        await _client.SubscribeAsync(GatewayTopics.ConfigDesired(GatewayId), MqttQualityOfServiceLevel.AtLeastOnce, TestContext.Current.CancellationToken);
        return received;
    }

    /// <summary>Subscribes to this gateway's commands (`cmd/+`); every command received lands in the returned channel.</summary>
    public async Task<System.Threading.Channels.ChannelReader<Protocol.Commands.CommandRequest>> WatchCommandsAsync()
    {
        var received = System.Threading.Channels.Channel.CreateUnbounded<Protocol.Commands.CommandRequest>();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            if (GatewayTopics.TryParse(e.ApplicationMessage.Topic, out var topic, out _) && topic.Kind == TopicKind.Command && topic.GatewayId == GatewayId)
            {
                var reader = new Utf8JsonReader(e.ApplicationMessage.Payload);
                received.Writer.TryWrite(JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.CommandRequest)!);
            }

            return Task.CompletedTask;
        };
        await _client.SubscribeAsync(GatewayTopics.CommandFilter(GatewayId), MqttQualityOfServiceLevel.AtLeastOnce, TestContext.Current.CancellationToken);
        return received.Reader;
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

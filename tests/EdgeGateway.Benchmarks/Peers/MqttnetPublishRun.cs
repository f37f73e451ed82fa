using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Edge.Uplink;
using EdgeGateway.Protocol.Streams;
using EdgeGateway.Protocol.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeGateway.Benchmarks.Peers;

/// <summary>
/// Our side of the broker-client comparison: the uplink's publish path without the outbox and the token
/// bucket. The client is connected with the uplink's own options (<see cref="MqttConnectionOptions.Build"/>:
/// MQTT 5, clean start, retained will), each message is built as the uplink builds a batch's (QoS 1, content
/// type application/json, topic `up/heartbeats`), and at most <c>inFlight</c> publishes wait for PUBACK, the
/// oldest awaited first, as in the uplink's pump.
/// </summary>
internal static class MqttnetPublishRun
{
    public static async Task<int> RunAsync(string host, int port, byte[] payload, int count, int inFlight, TextWriter output, CancellationToken cancellationToken)
    {
        var options = new UplinkOptions { GatewayId = HeartbeatEnvelopePayload.GatewayId, Host = host, Port = port, UseTls = false };
        var topic = GatewayTopics.Up(options.GatewayId, StreamNames.Heartbeats);
        using var client = new MqttClientFactory().CreateMqttClient();
        var pending = new Queue<Task<MqttClientPublishResult>>(inFlight);
        var clock = Stopwatch.StartNew();
        await client.ConnectAsync(MqttConnectionOptions.Build(options, "{\"online\":false}"u8.ToArray()), cancellationToken);
        for (var i = 0; i < count; i++)
        {
            if (pending.Count == inFlight)
            {
                await ExpectAckAsync(pending.Dequeue());
            }

            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithContentType("application/json")
                .Build();
            pending.Enqueue(client.PublishAsync(message, cancellationToken));
        }

        while (pending.Count > 0)
        {
            await ExpectAckAsync(pending.Dequeue());
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"mqttnet messages={count} payload_bytes={payload.Length} seconds={seconds:F3} msg_per_s={count / seconds:F0} mb_per_s={count * (double)payload.Length / seconds / 1e6:F1}"));
        return 0;
    }

    private static async Task ExpectAckAsync(Task<MqttClientPublishResult> ack)
    {
        var result = await ack;
        if (!result.IsSuccess)
        {
            throw new IOException($"broker refused a publish: {result.ReasonCode} {result.ReasonString}".Trim());
        }
    }
}

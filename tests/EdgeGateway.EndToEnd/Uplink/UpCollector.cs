using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using EdgeGateway.Protocol.Topics;
using EdgeGateway.Testing.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.EndToEnd.Uplink;

/// <summary>
/// Plays the cloud: subscribes to everything under gw/v1/ and records, in arrival order, every item of every
/// envelope as (stream, seq, n), plus the other messages by topic. Reconnects by itself after a broker restart.
/// </summary>
public sealed class UpCollector : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MosquittoBroker _broker;
    private readonly ConcurrentQueue<(string Topic, byte[] Payload, bool Retain)> _messages = new();
    private readonly ConcurrentQueue<ReceivedItem> _items = new();

    private UpCollector(MosquittoBroker broker)
    {
        _broker = broker;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var payload = e.ApplicationMessage.Payload.ToArray();
            _messages.Enqueue((e.ApplicationMessage.Topic, payload, e.ApplicationMessage.Retain));
            if (GatewayTopics.TryParse(e.ApplicationMessage.Topic, out var topic, out _) && topic.Kind == TopicKind.Up)
            {
                using var doc = JsonDocument.Parse(payload);
                var seq = doc.RootElement.GetProperty("seq").GetInt64();
                var stream = doc.RootElement.GetProperty("stream").GetString()!;
                var i = 0;
                foreach (var item in doc.RootElement.GetProperty("items").EnumerateArray())
                {
                    _items.Enqueue(new ReceivedItem(topic.GatewayId, stream, seq + i++, item.GetProperty("n").GetInt32()));
                }
            }

            return Task.CompletedTask;
        };
    }

    public IReadOnlyCollection<ReceivedItem> Items => _items;

    public IEnumerable<(string Topic, byte[] Payload, bool Retain)> Messages => _messages;

    public static async Task<UpCollector> StartAsync(MosquittoBroker broker, CancellationToken cancellationToken)
    {
        var collector = new UpCollector(broker);
        await collector.ConnectAsync(cancellationToken);
        return collector;
    }

    /// <summary>Connects (again) and subscribes; retries while the broker comes back.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(_broker.Host, _broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("cloud-collector")
            .Build();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                if (_client.IsConnected)
                {
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
                }

                await _client.ConnectAsync(options, cancellationToken);
                break;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        await _client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(GatewayTopics.AllGatewaysFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken);
    }

    /// <summary>Waits until the distinct (gateway, stream, seq) items reach <paramref name="count"/>.</summary>
    public async Task WaitForDistinctAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Distinct().Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"received {Distinct().Count} distinct items of {count} within {timeout}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public async Task<byte[]> WaitForMessageAsync(Func<string, byte[], bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var (topic, payload, _) in _messages)
            {
                if (match(topic, payload))
                {
                    return payload;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"no matching message within {timeout}; got {_messages.Count} messages");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Items after dropping duplicates by (gateway, stream, seq), first arrival kept.</summary>
    public List<ReceivedItem> Distinct() => _items.DistinctBy(i => (i.GatewayId, i.Stream, i.Seq)).ToList();

    /// <summary>
    /// Asserts the contract for one stream: after dropping duplicates, the sequence numbers arrive in order
    /// without a hole (1, 2, 3, …), and no item arrives before one with a lower sequence number.
    /// </summary>
    public void AssertInOrderWithoutGaps(string stream, int expected)
    {
        var seen = new HashSet<long>();
        var next = 1L;
        foreach (var item in _items.Where(i => i.Stream == stream))
        {
            if (seen.Add(item.Seq))
            {
                Assert.True(item.Seq == next, $"stream {stream}: seq {item.Seq} arrived when {next} was expected");
                next++;
            }
        }

        Assert.Equal(expected, seen.Count);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // the broker may already be gone
        }

        _client.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Topics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Edge.Tests.BeaconConfig;

/// <summary>The cloud's end of the config shadow: publishes desired config retained and collects what the gateway reports.</summary>
internal sealed class CloudSide : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<ReportedConfig> _reports = new();
    private readonly string _gatewayId;

    private CloudSide(string gatewayId) => _gatewayId = gatewayId;

    public IReadOnlyList<ReportedConfig> Reports => [.. _reports];

    public static async Task<CloudSide> ConnectAsync(int port, string gatewayId)
    {
        var cloud = new CloudSide(gatewayId);
        cloud._client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == GatewayTopics.ConfigReported(gatewayId) && e.ApplicationMessage.Payload.Length > 0)
            {
                var reader = new Utf8JsonReader(e.ApplicationMessage.Payload);
                cloud._reports.Enqueue(JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.ReportedConfig)!);
            }

            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"cloud-{Guid.NewGuid():N}").Build();
        await cloud._client.ConnectAsync(options, TestContext.Current.CancellationToken);
        await cloud._client.SubscribeAsync(GatewayTopics.ConfigReported(gatewayId), MqttQualityOfServiceLevel.AtLeastOnce, TestContext.Current.CancellationToken);
        return cloud;
    }

    public async Task PublishDesiredAsync(DesiredConfig desired)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(GatewayTopics.ConfigDesired(_gatewayId))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(desired, ProtocolJsonContext.Default.DesiredConfig))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build(), TestContext.Current.CancellationToken);
        Assert.True(result.IsSuccess, $"{result.ReasonCode} {result.ReasonString}");
    }

    public async Task<ReportedConfig> WaitForReportAsync(long version, TimeSpan timeout)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        wait.CancelAfter(timeout);
        while (true)
        {
            if (_reports.FirstOrDefault(r => r.Version == version) is { } report)
            {
                return report;
            }

            try
            {
                await Task.Delay(50, wait.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no report for version {version} within {timeout}; reports seen: {string.Join(", ", _reports.Select(r => r.Version))}");
            }
        }
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

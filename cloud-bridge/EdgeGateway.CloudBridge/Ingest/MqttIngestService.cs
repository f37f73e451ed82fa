using System.Diagnostics;
using System.Threading.Channels;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.CloudBridge.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.CloudBridge.Ingest;

/// <summary>
/// Consumes the fleet's traffic through an MQTT 5 shared subscription with manual acknowledgement:
/// messages are validated on arrival, committed to the store in batches, and only then PUBACKed, in
/// arrival order. A crash before the commit leaves them unacknowledged, so the broker delivers them
/// again (to this client's persistent session); a crash after the commit but before the PUBACK causes
/// a redelivery that the store's (gatewayId, stream, seq) dedup turns into a no-op.
/// </summary>
internal sealed partial class MqttIngestService : BackgroundService, IMqttPublisher
{
    private readonly BridgeOptions _options;
    private readonly IFleetStore _store;
    private readonly BridgeMetrics _metrics;
    private readonly ILogger<MqttIngestService> _logger;
    private readonly MessageParser _parser;
    private readonly IMqttClient _client;
    private readonly Channel<PendingMessage> _pending = Channel.CreateUnbounded<PendingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _loggedReasons = [];
    private long _pendingCount;

    public MqttIngestService(BridgeOptions options, IFleetStore store, BridgeMetrics metrics, ILogger<MqttIngestService> logger)
    {
        _options = options;
        _store = store;
        _metrics = metrics;
        _logger = logger;
        _parser = new MessageParser(options.Ingest);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public bool IsConnected => _client.IsConnected;

    public string SharedFilterPrefix => _options.Mqtt.SharedGroup.Length == 0 ? "" : $"$share/{_options.Mqtt.SharedGroup}/";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writer = Task.Run(() => CommitLoopAsync(stoppingToken), CancellationToken.None);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (writer.IsFaulted)
                {
                    // A bug in the commit loop must stop the process (and let the supervisor restart it)
                    // rather than leave a bridge that receives and never acknowledges.
                    await writer;
                }

                if (!_client.IsConnected)
                {
                    _metrics.Set("edgegw_bridge_mqtt_connected", 0);
                    await TryConnectAsync(stoppingToken);
                }

                await Task.Delay(_options.Mqtt.ReconnectDelayMs, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        finally
        {
            await writer;
            if (_client.IsConnected)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), grace.Token);
                }
                catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
                {
                    LogDisconnectFailed(ex.Message);
                }
            }
        }
    }

    private async Task TryConnectAsync(CancellationToken cancellationToken)
    {
        var mqtt = _options.Mqtt;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Host, mqtt.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(mqtt.ClientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)mqtt.SessionExpirySeconds)
            .WithReceiveMaximum((ushort)mqtt.ReceiveMaximum)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(mqtt.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (mqtt.Username is not null)
        {
            builder = builder.WithCredentials(mqtt.Username, mqtt.Password);
        }

        try
        {
            var result = await _client.ConnectAsync(builder.Build(), cancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                LogConnectRefused(mqtt.Host, mqtt.Port, result.ResultCode.ToString());
                return;
            }

            var subscribe = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter($"{SharedFilterPrefix}gw/v1/+/up/+", MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter($"{SharedFilterPrefix}gw/v1/+/status", MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter($"{SharedFilterPrefix}gw/v1/+/config/reported", MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var subscribed = await _client.SubscribeAsync(subscribe, cancellationToken);
            var refused = subscribed.Items.FirstOrDefault(i => (int)i.ResultCode > 2);
            if (refused is not null)
            {
                LogSubscribeRefused(refused.TopicFilter.Topic, refused.ResultCode.ToString());
                await _client.DisconnectAsync(cancellationToken: cancellationToken);
                return;
            }

            _metrics.Set("edgegw_bridge_mqtt_connected", 1);
            _metrics.Add("edgegw_bridge_mqtt_connects_total");
            LogConnected(mqtt.Host, mqtt.Port, mqtt.ClientId, mqtt.SharedGroup, result.IsSessionPresent);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogConnectFailed(mqtt.Host, mqtt.Port, ex.Message);
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        var message = _parser.Parse(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload);
        _metrics.Set("edgegw_bridge_pending_messages", Interlocked.Increment(ref _pendingCount));
        _pending.Writer.TryWrite(new PendingMessage(message, e));
        return Task.CompletedTask;
    }

    private async Task CommitLoopAsync(CancellationToken cancellationToken)
    {
        var batch = new List<PendingMessage>(_options.Ingest.BatchMaxMessages);
        var reader = _pending.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                batch.Clear();
                await FillAsync(reader, batch, cancellationToken);
                var outcomes = await CommitWithRetryAsync(batch, cancellationToken);
                for (var i = 0; i < batch.Count; i++)
                {
                    Count(batch[i].Message, outcomes[i]);
                    await AcknowledgeAsync(batch[i], cancellationToken);
                }

                _metrics.Set("edgegw_bridge_pending_messages", Interlocked.Add(ref _pendingCount, -batch.Count));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: whatever was not committed stays unacknowledged and comes back from the broker.
        }
    }

    private async Task FillAsync(ChannelReader<PendingMessage> reader, List<PendingMessage> batch, CancellationToken cancellationToken)
    {
        var max = _options.Ingest.BatchMaxMessages;
        while (batch.Count < max && reader.TryRead(out var next))
        {
            batch.Add(next);
        }

        if (batch.Count >= max || _options.Ingest.BatchMaxDelayMs == 0)
        {
            return;
        }

        // A short wait lets a burst fill the batch: one transaction for many messages is what makes the store fast.
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(_options.Ingest.BatchMaxDelayMs);
        try
        {
            while (batch.Count < max && await reader.WaitToReadAsync(window.Token))
            {
                while (batch.Count < max && reader.TryRead(out var next))
                {
                    batch.Add(next);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the batch window closed
        }
    }

    private async Task<IReadOnlyList<CommitResult>> CommitWithRetryAsync(List<PendingMessage> batch, CancellationToken cancellationToken)
    {
        var messages = batch.Select(p => p.Message).ToList();
        for (var failures = 1; ; failures++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var outcomes = await _store.CommitAsync(messages, cancellationToken);
                _metrics.Add("edgegw_bridge_commits_total");
                _metrics.Add("edgegw_bridge_committed_messages_total", batch.Count);
                _metrics.Add("edgegw_bridge_commit_seconds_sum", Stopwatch.GetElapsedTime(started).TotalSeconds);
                return outcomes;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Nothing was committed, nothing is acknowledged. A store outage is retried for as long as it
                // lasts; a failure that is not an outage (a bug, a value the database refuses) would block
                // ingest forever, so after a few tries the batch is split to find the message causing it.
                _metrics.Add("edgegw_bridge_commit_failures_total");
                LogCommitFailed(batch.Count, ex.GetType().Name, ex.Message);
                if (!IsOutage(ex) && failures >= PoisonAttempts)
                {
                    return await CommitOneByOneAsync(batch, cancellationToken);
                }

                await Task.Delay(_options.Ingest.RetryDelayMs, cancellationToken);
            }
        }
    }

    private const int PoisonAttempts = 3;

    private async Task<IReadOnlyList<CommitResult>> CommitOneByOneAsync(List<PendingMessage> batch, CancellationToken cancellationToken)
    {
        var outcomes = new CommitResult[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            for (var failures = 1; ; failures++)
            {
                try
                {
                    outcomes[i] = (await _store.CommitAsync([batch[i].Message], cancellationToken))[0];
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    if (!IsOutage(ex) && failures >= PoisonAttempts)
                    {
                        // The store refuses this one message for good: count and log it with its identity instead of
                        // blocking every gateway behind it. Its (gatewayId, stream, seq) stays a visible gap.
                        var message = batch[i].Message;
                        batch[i] = batch[i] with { Message = IngestMessage.Rejected(message.GatewayId, "store-error", $"{message.Kind} stream '{message.Stream}' seq {message.Seq}: {ex.GetType().Name}: {ex.Message}") };
                        outcomes[i] = new CommitResult(CommitOutcome.Rejected);
                        break;
                    }

                    await Task.Delay(_options.Ingest.RetryDelayMs, cancellationToken);
                }
            }
        }

        return outcomes;
    }

    private static bool IsOutage(Exception ex) =>
        ex is Npgsql.NpgsqlException { IsTransient: true } or IOException or TimeoutException or System.Net.Sockets.SocketException
        || (ex is Npgsql.PostgresException pg && pg.SqlState.StartsWith("08", StringComparison.Ordinal));

    private void Count(IngestMessage message, CommitResult result)
    {
        var outcome = result.Outcome;
        var kind = message.Kind.ToString().ToLowerInvariant();
        _metrics.Add("edgegw_bridge_messages_total", 1, BridgeMetrics.Labels(("kind", kind), ("outcome", outcome.ToString().ToLowerInvariant())));
        switch (outcome)
        {
            case CommitOutcome.Rejected:
                _metrics.Add("edgegw_bridge_rejected_total", 1, BridgeMetrics.Labels(("reason", message.RejectReason)));
                if (_loggedReasons.Add(message.RejectReason))
                {
                    LogRejectedFirst(message.RejectReason, message.GatewayId, message.RejectDetail);
                }
                else
                {
                    LogRejected(message.RejectReason, message.GatewayId, message.RejectDetail);
                }

                break;
            case CommitOutcome.Stored or CommitOutcome.Duplicate when message.Kind == IngestKind.Envelope:
                if (result.DuplicateItems > 0)
                {
                    _metrics.Add("edgegw_bridge_duplicate_items_total", result.DuplicateItems, BridgeMetrics.Labels(("stream", message.Stream)));
                }

                if (result.Stored is not { } stored)
                {
                    break;
                }

                _metrics.Add("edgegw_bridge_items_total", stored.ItemCount, BridgeMetrics.Labels(("stream", message.Stream)));
                if (stored.BadItems > 0)
                {
                    _metrics.Add("edgegw_bridge_bad_items_total", stored.BadItems, BridgeMetrics.Labels(("stream", message.Stream)));
                    LogBadItems(stored.BadItems, message.GatewayId, message.Stream, message.Seq);
                }

                break;
            case CommitOutcome.Stale:
                LogStaleStatus(message.GatewayId, message.Status?.Session ?? -1, message.Status?.Online ?? false);
                break;
        }
    }

    private async Task AcknowledgeAsync(PendingMessage pending, CancellationToken cancellationToken)
    {
        try
        {
            await pending.Delivery.AcknowledgeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The connection that delivered it is gone; the broker will redeliver and dedup will drop it.
            LogAckFailed(ex.Message);
        }
    }

    public async Task PublishRetainedAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            throw new InvalidOperationException("not connected to the broker");
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag()
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"broker refused the publish to '{topic}': {result.ReasonCode} {result.ReasonString}");
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Host}:{Port} as {ClientId}, shared group {Group}, session present {SessionPresent}")]
    private partial void LogConnected(string host, int port, string clientId, string group, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot connect to {Host}:{Port}: {Reason}")]
    private partial void LogConnectFailed(string host, int port, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Broker {Host}:{Port} refused the connection: {Code}")]
    private partial void LogConnectRefused(string host, int port, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Broker refused the subscription {Filter}: {Code} (does it support MQTT 5 shared subscriptions and allow this client to read gw/v1/#?)")]
    private partial void LogSubscribeRefused(string filter, string code);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Disconnect at shutdown failed: {Reason}")]
    private partial void LogDisconnectFailed(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store commit of {Count} messages failed ({Type}: {Reason}); nothing acknowledged, retrying")]
    private partial void LogCommitFailed(int count, string type, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a message ({Reason}) from gateway '{GatewayId}': {Detail}. Further '{Reason}' rejections are logged at debug level and counted in edgegw_bridge_rejected_total")]
    private partial void LogRejectedFirst(string reason, string gatewayId, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected a message ({Reason}) from gateway '{GatewayId}': {Detail}")]
    private partial void LogRejected(string reason, string gatewayId, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Count} invalid items of gateway '{GatewayId}' stream {Stream} seq {Seq}")]
    private partial void LogBadItems(int count, string gatewayId, string stream, long seq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a stale status of gateway '{GatewayId}' (session {Session}, online {Online}): a newer session is known")]
    private partial void LogStaleStatus(string gatewayId, long session, bool online);

    [LoggerMessage(Level = LogLevel.Debug, Message = "PUBACK not sent (connection gone, the broker will redeliver): {Reason}")]
    private partial void LogAckFailed(string reason);
}

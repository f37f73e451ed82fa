using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.CloudBridge.Store;
using EdgeGateway.Protocol.Commands;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Topics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.CloudBridge.Repair;

/// <summary>
/// Closes gaps the broker made: a QoS 1 PUBACK to the gateway is not proof that the bridge got the message (mosquitto
/// 2.0.11 does not restore shared subscriptions after a restart and drops what arrives before the bridge resubscribes).
/// Streams that stay incomplete longer than the grace period get an `outbox.resend` command; the gateway queues again
/// what it still retains and names what is gone, which is recorded as lost so the cloud knows exactly what never came.
/// Several instances share the store: the store's repair_requested column lets only one of them ask per retry interval.
/// Commands and results travel on this service's own connection (clean session, plain subscription to every
/// gateway's cmd-result/+): results are few, and each instance keeps only the ones it asked for.
/// </summary>
internal sealed partial class GapRepairService : BackgroundService
{
    private const string RequestPrefix = "repair-";
    private static readonly TimeSpan MinimumExpiry = TimeSpan.FromMinutes(1);

    private readonly BridgeOptions _options;
    private readonly RepairOptions _repair;
    private readonly IFleetStore _store;
    private readonly BridgeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<GapRepairService> _logger;
    private readonly IMqttClient _client;
    private readonly Dictionary<(string Gateway, string Stream), TrackedStream> _tracked = [];
    private readonly ConcurrentDictionary<string, RepairRequest> _outstanding = new(StringComparer.Ordinal);

    public GapRepairService(BridgeOptions options, IFleetStore store, BridgeMetrics metrics, TimeProvider time, ILogger<GapRepairService> logger)
    {
        _options = options;
        _repair = options.Repair;
        _store = store;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnResultAsync;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_repair.Enabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!_client.IsConnected)
                    {
                        await ConnectAsync(stoppingToken);
                    }

                    await ScanAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // A store or broker outage only delays repair; the next scan tries again.
                    LogScanFailed(ex.GetType().Name, ex.Message);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(_repair.ScanIntervalMs), _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            if (_client.IsConnected)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), grace.Token);
                }
                catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
                {
                    LogScanFailed(ex.GetType().Name, ex.Message);
                }
            }
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var mqtt = _options.Mqtt;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Host, mqtt.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(mqtt.ClientId + "-repair")
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(mqtt.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (mqtt.Username is not null)
        {
            builder = builder.WithCredentials(mqtt.Username, mqtt.Password);
        }

        await _client.ConnectAsync(builder.Build(), cancellationToken);
        await _client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter("gw/v1/+/cmd-result/+", MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken);
    }

    /// <summary>One pass: track what is missing, ask for what stayed missing past the grace period.</summary>
    internal async Task ScanAsync(CancellationToken cancellationToken)
    {
        var candidates = await _store.ListRepairCandidatesAsync(cancellationToken);
        var now = _time.GetUtcNow();
        _metrics.Set("edgegw_bridge_repair_open_streams", candidates.Count);
        _metrics.Set("edgegw_bridge_repair_missing_items", candidates.Sum(c => c.Missing));
        var open = new HashSet<(string, string)>();
        foreach (var candidate in candidates)
        {
            var key = (candidate.GatewayId, candidate.Stream);
            open.Add(key);
            if (!_tracked.TryGetValue(key, out var tracked))
            {
                _tracked[key] = new TrackedStream(now, candidate.Missing);
                continue;
            }

            if (candidate.Missing < tracked.Missing)
            {
                // Progress: the bound counts requests that achieved nothing.
                tracked.Attempts = 0;
                tracked.GaveUp = false;
            }

            tracked.Missing = candidate.Missing;
            await ConsiderAsync(candidate, tracked, now, cancellationToken);
        }

        foreach (var gone in _tracked.Keys.Where(k => !open.Contains(k)).ToList())
        {
            _tracked.Remove(gone);
        }

        var stale = now - TimeSpan.FromSeconds(_repair.RetrySeconds * 2);
        foreach (var (id, request) in _outstanding.Where(p => p.Value.SentAt < stale).ToList())
        {
            _outstanding.TryRemove(id, out _);
        }
    }

    private async Task ConsiderAsync(RepairCandidate candidate, TrackedStream tracked, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var retry = TimeSpan.FromSeconds(_repair.RetrySeconds);
        if (now - tracked.Since < TimeSpan.FromSeconds(_repair.GraceSeconds) || (tracked.LastRequest is { } last && now - last < retry))
        {
            return;
        }

        if (tracked.Attempts >= _repair.MaxAttempts)
        {
            if (!tracked.GaveUp)
            {
                tracked.GaveUp = true;
                _metrics.Add("edgegw_bridge_repair_abandoned_total");
                LogGaveUp(candidate.GatewayId, candidate.Stream, candidate.Missing, tracked.Attempts);
            }

            return;
        }

        tracked.LastRequest = now;
        if (!_client.IsConnected || !await _store.TryClaimRepairAsync(candidate.GatewayId, candidate.Stream, retry, cancellationToken))
        {
            return; // another instance asked recently (or no broker now): look again after the retry interval
        }

        tracked.Attempts++;
        var (from, to) = candidate.Span;
        var requestId = RequestPrefix + Guid.NewGuid().ToString("N");
        var args = JsonSerializer.SerializeToElement(
            new OutboxResendArgs { Stream = candidate.Stream, FromSeq = Math.Max(1, from), ToSeq = to }, ProtocolJsonContext.Default.OutboxResendArgs);
        // Stale after a retry interval (a newer request follows), but never under a minute: a busy or slow link must not
        // make every request expire on the way.
        var expires = now + (retry > MinimumExpiry ? retry : MinimumExpiry);
        var request = new CommandRequest { RequestId = requestId, Name = OutboxResendArgs.CommandName, Args = args, ExpiresAt = expires };
        _outstanding[requestId] = new RepairRequest(candidate.GatewayId, candidate.Stream, from, to, now);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(GatewayTopics.Command(candidate.GatewayId, requestId))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(request, ProtocolJsonContext.Default.CommandRequest))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var published = await _client.PublishAsync(message, cancellationToken);
        if (!published.IsSuccess)
        {
            _outstanding.TryRemove(requestId, out _);
            LogPublishRefused(candidate.GatewayId, published.ReasonCode.ToString());
            return;
        }

        _metrics.Add("edgegw_bridge_repair_requests_total");
        LogRequested(candidate.GatewayId, candidate.Stream, from, to, candidate.Missing, tracked.Attempts, requestId);
    }

    private async Task OnResultAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (!GatewayTopics.TryParse(e.ApplicationMessage.Topic, out var topic, out _) || topic.Kind != TopicKind.CommandResult ||
            topic.Argument is not { } requestId || !requestId.StartsWith(RequestPrefix, StringComparison.Ordinal) ||
            !_outstanding.TryRemove(requestId, out var request) || request.GatewayId != topic.GatewayId)
        {
            return; // another command, or another instance's request
        }

        var payload = e.ApplicationMessage.Payload;
        if (!ProtocolPayload.TryRead(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray(), ProtocolJsonContext.Default.CommandResult, r => r.Version, out var result, out var error))
        {
            Count("bad");
            LogBadResult(request.GatewayId, error ?? "unreadable");
            return;
        }

        if (!result!.Ok)
        {
            // An older gateway without the command, or a database it cannot read now: asked again after the retry interval.
            Count("failed");
            LogFailed(request.GatewayId, request.Stream, result.Error ?? "");
            return;
        }

        OutboxResendResult? resend;
        try
        {
            resend = result.Result?.Deserialize(ProtocolJsonContext.Default.OutboxResendResult);
        }
        catch (JsonException ex)
        {
            resend = null;
            error = ex.Message;
        }

        if (resend is null)
        {
            Count("bad");
            LogBadResult(request.GatewayId, error ?? "no result");
            return;
        }

        Count("ok");
        _metrics.Add("edgegw_bridge_repair_resent_items_total", resend.Resent.Sum(r => r.Count));
        if (resend.Gone.Count == 0)
        {
            return;
        }

        try
        {
            var lost = await _store.RecordLostAsync(request.GatewayId, request.Stream, [.. resend.Gone.Select(g => (g.From, g.To))], CancellationToken.None);
            _metrics.Add("edgegw_bridge_lost_items_total", lost);
            LogLost(request.GatewayId, request.Stream, lost, string.Join(',', resend.Gone.Select(g => $"{g.From}-{g.To}")));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not recorded now: the gap stays open and the next request brings the same answer.
            LogScanFailed(ex.GetType().Name, ex.Message);
        }
    }

    private void Count(string outcome) =>
        _metrics.Add("edgegw_bridge_repair_results_total", 1, BridgeMetrics.Labels(("outcome", outcome)));

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gap repair: asked gateway '{GatewayId}' to resend {Stream} {From}..{To} ({Missing} missing, attempt {Attempt}, request {RequestId})")]
    private partial void LogRequested(string gatewayId, string stream, long from, long to, long missing, int attempt, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gap repair: gateway '{GatewayId}' no longer has {Count} items of {Stream} ({Ranges}); recorded as lost")]
    private partial void LogLost(string gatewayId, string stream, long count, string ranges);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gap repair: gateway '{GatewayId}' refused the resend of {Stream}: {Error}")]
    private partial void LogFailed(string gatewayId, string stream, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gap repair: unreadable answer from gateway '{GatewayId}': {Error}")]
    private partial void LogBadResult(string gatewayId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gap repair: gave up on gateway '{GatewayId}' stream {Stream} ({Missing} missing) after {Attempts} requests without progress")]
    private partial void LogGaveUp(string gatewayId, string stream, long missing, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gap repair: broker refused the command to '{GatewayId}': {Code}")]
    private partial void LogPublishRefused(string gatewayId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gap repair: {Type}: {Reason}")]
    private partial void LogScanFailed(string type, string reason);
}

using System.Buffers;
using System.Reflection;
using System.Security.Authentication;
using System.Text.Json;
using System.Threading.Channels;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Protocol.Commands;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Envelopes;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Status;
using EdgeGateway.Protocol.Topics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeGateway.Edge.Uplink;

/// <summary>
/// The MQTT uplink: connects (MQTT 5, TLS, clean start, last will carrying a new session number),
/// publishes the birth, subscribes to desired config and commands, then drains the outbox: batches at
/// QoS 1, a bounded number in flight, rows deleted only on a successful PUBACK, publishes paced by a
/// token bucket. Any failure ends the connection; the loop in <see cref="ExecuteAsync"/> (never the
/// disconnected handler) waits with exponential backoff and jitter and connects again, and everything
/// that was in flight is pending again.
/// </summary>
public sealed class MqttUplink : BackgroundService
{
    private static readonly string SoftwareVersion =
        typeof(MqttUplink).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private readonly UplinkOptions _options;
    private readonly LiteDbOutbox _outbox;
    private readonly CommandDispatcher _commands;
    private readonly IReadOnlyList<IDesiredConfigSink> _desiredSinks;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttUplink> _logger;
    private readonly ReconnectBackoff _backoff;
    private readonly TokenBucket _rate;
    private readonly Channel<CommandRequest> _commandQueue = Channel.CreateBounded<CommandRequest>(64);
    private readonly Lock _stateLock = new();
    private UplinkState _state;
    private long _lastDesiredVersion = long.MinValue;

    public MqttUplink(
        IOptions<UplinkOptions> options,
        LiteDbOutbox outbox,
        CommandDispatcher commands,
        IEnumerable<IDesiredConfigSink> desiredSinks,
        TimeProvider time,
        ILogger<MqttUplink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _outbox = outbox;
        _commands = commands;
        _desiredSinks = [.. desiredSinks];
        _time = time;
        _logger = logger;
        // Jitter only needs to differ between gateways, not to be unpredictable.
#pragma warning disable CA5394
        _backoff = new ReconnectBackoff(_options.ReconnectMinDelay, _options.ReconnectMaxDelay, new Random());
#pragma warning restore CA5394
        _rate = new TokenBucket(_options.PublishesPerSecond, _options.PublishBurst, time);
        _state = new UplinkState { Broker = $"{_options.Host}:{_options.Port}", Connected = false };
    }

    public UplinkState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state with { Backlog = _outbox.State.Backlog };
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var commandLoop = RunCommandsAsync(stoppingToken);
        var attempt = 0;
        var factory = new MqttClientFactory();
        while (!stoppingToken.IsCancellationRequested)
        {
            using var client = factory.CreateMqttClient();
            var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += e =>
            {
                // Only record it: reconnecting from here would race the loop below.
                disconnected.TrySetResult(e);
                return Task.CompletedTask;
            };
            client.ApplicationMessageReceivedAsync += e => OnMessageAsync(e, stoppingToken);
            var session = 0L;
            string? brokerRejection = null;
            string? certificateProblem = null;
            var connecting = true;
            try
            {
                certificateProblem = ConnectFailure.ClientCertificateProblem(_options, _time.GetUtcNow());
                if (certificateProblem is not null)
                {
                    throw new AuthenticationException(certificateProblem);
                }

                session = _outbox.NextSession();
                var will = JsonSerializer.SerializeToUtf8Bytes(
                    new GatewayStatus { Online = false, Session = session, GatewayId = _options.GatewayId },
                    ProtocolJsonContext.Default.GatewayStatus);
                await client.ConnectAsync(MqttConnectionOptions.Build(_options, will, why => brokerRejection = why), stoppingToken);
                connecting = false;
                attempt = 0;
                UpdateState(s => s with { Connected = true, ConnectedSince = _time.GetUtcNow(), Session = session });
                _logger.LogInformation("Uplink connected to {Broker} as {GatewayId}, session {Session}", _state.Broker, _options.GatewayId, session);
                await PublishBirthAsync(client, session, stoppingToken);
                await SubscribeAsync(client, stoppingToken);
                await PumpAsync(client, disconnected.Task, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await SayGoodbyeAsync(client, session);
            }
            catch (Exception ex)
            {
                // Every failure (refused, TLS, timeout, broken pipe, refused PUBACK) means: reconnect later.
                var error = certificateProblem ?? ConnectFailure.Describe(ex, _options, brokerRejection, connecting);
                RecordError(error);
                _logger.LogWarning("Uplink to {Broker}: {Error}", _state.Broker, error);
            }
            finally
            {
                _outbox.ReturnInFlightToPending();
                UpdateState(s => s with { Connected = false, ConnectedSince = null, InFlight = 0 });
            }

            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            UpdateState(s => s with { Reconnects = s.Reconnects + 1 });
            try
            {
                await Task.Delay(_backoff.Delay(attempt++), _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _commandQueue.Writer.TryComplete();
        await commandLoop;
    }

    private async Task PumpAsync(IMqttClient client, Task<MqttClientDisconnectedEventArgs> disconnected, CancellationToken cancellationToken)
    {
        var inFlight = new Queue<(OutboxBatch Batch, Task<string?> Ack)>();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (disconnected.IsCompleted)
                {
                    var e = await disconnected;
                    throw new IOException($"disconnected: {e.Reason} {e.ReasonString} {e.Exception?.Message}".Trim());
                }

                while (inFlight.TryPeek(out var head) && head.Ack.IsCompleted)
                {
                    inFlight.Dequeue();
                    var refusal = await head.Ack;
                    if (refusal is not null)
                    {
                        throw new IOException(refusal);
                    }

                    _outbox.Acknowledge(head.Batch);
                    UpdateState(s => s with { LastPublishAt = _time.GetUtcNow(), Published = s.Published + 1, InFlight = inFlight.Count });
                }

                if (inFlight.Count < _options.MaxInFlight &&
                    _outbox.TryTakeNextBatch(_options.BatchMaxItems, _options.BatchMaxBytes, out var batch))
                {
                    await _rate.TakeAsync(cancellationToken);
                    inFlight.Enqueue((batch!, PublishBatchAsync(client, batch!, cancellationToken)));
                    UpdateState(s => s with { InFlight = inFlight.Count });
                    continue;
                }

                var pending = _outbox.PendingSignal;
                if (inFlight.Count == 0 && pending.IsCompleted)
                {
                    // Pending rows that cannot be read right now (disk trouble): do not spin.
                    await Task.Delay(TimeSpan.FromMilliseconds(200), _time, cancellationToken);
                    continue;
                }

                var waits = new List<Task>(3) { disconnected };
                if (inFlight.Count > 0)
                {
                    waits.Add(inFlight.Peek().Ack);
                }

                if (inFlight.Count < _options.MaxInFlight)
                {
                    waits.Add(pending);
                }

                await Task.WhenAny(waits).WaitAsync(cancellationToken);
            }
        }
        finally
        {
            if (inFlight.Count > 0)
            {
                // Let every publish settle (PUBACK or failure) before the outbox puts them back to pending.
                try
                {
                    await Task.WhenAll(inFlight.Select(f => f.Ack)).WaitAsync(_options.CommunicationTimeout, CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    _logger.LogDebug(ex, "Uplink: in-flight publishes ended with the connection");
                }
            }
        }
    }

    /// <summary>Publishes one batch; completes with null once every message of it is acknowledged, else with the refusal.</summary>
    private async Task<string?> PublishBatchAsync(IMqttClient client, OutboxBatch batch, CancellationToken cancellationToken)
    {
        var messages = BuildMessages(batch);
        var acks = messages.Select(m => client.PublishAsync(m, cancellationToken)).ToArray();
        foreach (var (message, ack) in messages.Zip(acks))
        {
            var result = await ack;
            if (!result.IsSuccess)
            {
                return $"broker refused publish to {message.Topic}: {result.ReasonCode} {result.ReasonString}".Trim();
            }
        }

        return null;
    }

    private List<MqttApplicationMessage> BuildMessages(OutboxBatch batch)
    {
        var id = _options.GatewayId;
        var messages = new List<MqttApplicationMessage>(1);
        switch (batch.Stream)
        {
            case UplinkStreams.CommandResults:
                foreach (var row in batch.Rows)
                {
                    if (ProtocolPayload.TryRead(row.Json, ProtocolJsonContext.Default.CommandResult, r => r.Version, out var result, out var error) &&
                        GatewayTopics.IsValidLevel(result!.RequestId))
                    {
                        messages.Add(Message(GatewayTopics.CommandResult(id, result.RequestId), row.Json, retain: false));
                    }
                    else
                    {
                        _logger.LogError("Uplink: dropping an unpublishable command result (seq {Seq}): {Error}", row.Seq, error ?? "bad requestId");
                    }
                }

                break;
            case UplinkStreams.ConfigReported:
                messages.AddRange(batch.Rows.Select(row => Message(GatewayTopics.ConfigReported(id), row.Json, retain: true)));
                break;
            default:
                var buffer = new ArrayBufferWriter<byte>((int)batch.Bytes + 256);
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    UpEnvelopeWriter.WriteStart(writer, id, batch.Stream, batch.FirstSeq, _time.GetUtcNow());
                    foreach (var row in batch.Rows)
                    {
                        writer.WriteRawValue(row.Json, skipInputValidation: true);
                    }

                    UpEnvelopeWriter.WriteEnd(writer);
                }

                messages.Add(Message(GatewayTopics.Up(id, batch.Stream), buffer.WrittenSpan.ToArray(), retain: false));
                break;
        }

        return messages;
    }

    private static MqttApplicationMessage Message(string topic, byte[] payload, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .WithContentType("application/json")
            .Build();

    private async Task PublishBirthAsync(IMqttClient client, long session, CancellationToken cancellationToken)
    {
        var outbox = _outbox.State;
        var birth = new GatewayStatus
        {
            Online = true,
            Session = session,
            GatewayId = _options.GatewayId,
            SoftwareVersion = SoftwareVersion,
            Site = _options.Site,
            At = _time.GetUtcNow(),
            Backlog = outbox.Backlog,
            Shed = outbox.Shed.Count > 0 ? outbox.Shed : null,
            LastSeq = UpStreamsOnly(outbox.LastSeq),
        };
        var payload = JsonSerializer.SerializeToUtf8Bytes(birth, ProtocolJsonContext.Default.GatewayStatus);
        var result = await client.PublishAsync(Message(GatewayTopics.Status(_options.GatewayId), payload, retain: true), cancellationToken);
        if (!result.IsSuccess)
        {
            throw new IOException($"broker refused the birth: {result.ReasonCode} {result.ReasonString}".Trim());
        }
    }

    /// <summary>Streams published as envelopes on `up/{stream}` (the only ones a consumer tracks by sequence number).</summary>
    private static Dictionary<string, long>? UpStreamsOnly(IReadOnlyDictionary<string, long> lastSeq)
    {
        var up = lastSeq.Where(p => p.Key is not UplinkStreams.CommandResults and not UplinkStreams.ConfigReported)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return up.Count > 0 ? up : null;
    }

    private async Task SubscribeAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        var id = _options.GatewayId;
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(GatewayTopics.ConfigDesired(id), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(GatewayTopics.CommandFilter(id), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await client.SubscribeAsync(subscribe, cancellationToken);
        foreach (var item in result.Items)
        {
            if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                throw new IOException($"broker refused subscription to {item.TopicFilter.Topic}: {item.ResultCode}");
            }
        }
    }

    private async Task SayGoodbyeAsync(IMqttClient client, long session)
    {
        if (!client.IsConnected)
        {
            return;
        }

        // A clean stop is not a failure: the broker does not send the will, so say offline ourselves.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            var offline = JsonSerializer.SerializeToUtf8Bytes(
                new GatewayStatus { Online = false, Session = session, GatewayId = _options.GatewayId, At = _time.GetUtcNow() },
                ProtocolJsonContext.Default.GatewayStatus);
            await client.PublishAsync(Message(GatewayTopics.Status(_options.GatewayId), offline, retain: true), grace.Token);
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), grace.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogDebug(ex, "Uplink: clean disconnect failed");
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e, CancellationToken cancellationToken)
    {
        var message = e.ApplicationMessage;
        if (!GatewayTopics.TryParse(message.Topic, out var topic, out var topicError) || topic.GatewayId != _options.GatewayId)
        {
            Reject(topicError ?? $"'{message.Topic}' is not addressed to {_options.GatewayId}");
            return;
        }

        var payload = message.Payload.ToArray();
        switch (topic.Kind)
        {
            case TopicKind.ConfigDesired when payload.Length == 0:
                return; // the retained desired state was cleared
            case TopicKind.ConfigDesired:
                if (!ProtocolPayload.TryRead(payload, ProtocolJsonContext.Default.DesiredConfig, d => d.ProtocolVersion, out var desired, out var error))
                {
                    Reject($"{message.Topic}: {error}");
                    return;
                }

                if (desired!.Version <= Interlocked.Read(ref _lastDesiredVersion))
                {
                    return;
                }

                Interlocked.Exchange(ref _lastDesiredVersion, desired.Version);
                foreach (var sink in _desiredSinks)
                {
                    try
                    {
                        await sink.ApplyAsync(desired, cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // One failing service must not stop the others or the receive loop; it reports its own outcome.
                        RecordError($"desired config v{desired.Version}: {sink.GetType().Name} failed: {ex.Message}");
                        _logger.LogError(ex, "Uplink: {Sink} failed to apply desired config version {Version}", sink.GetType().Name, desired.Version);
                    }
                }

                return;
            case TopicKind.Command:
                await AcceptCommandAsync(topic.Argument!, payload, cancellationToken);
                return;
            default:
                Reject($"{message.Topic}: not a topic the gateway subscribes to");
                return;
        }
    }

    private async Task AcceptCommandAsync(string requestId, byte[] payload, CancellationToken cancellationToken)
    {
        if (!ProtocolPayload.TryRead(payload, ProtocolJsonContext.Default.CommandRequest, c => c.Version, out var request, out var error) ||
            request!.RequestId != requestId)
        {
            var reason = error ?? $"requestId '{request!.RequestId}' does not match the topic's '{requestId}'";
            Reject($"command {requestId}: {reason}");
            await AppendResultAsync(_commands.Failed(new CommandRequest { RequestId = requestId, Name = "?" }, reason), cancellationToken);
            return;
        }

        if (!_commandQueue.Writer.TryWrite(request))
        {
            await AppendResultAsync(_commands.Failed(request, "busy: too many commands queued"), cancellationToken);
        }
    }

    private async Task RunCommandsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var request in _commandQueue.Reader.ReadAllAsync(cancellationToken))
            {
                var result = await _commands.DispatchAsync(request, cancellationToken);
                await AppendResultAsync(result, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private ValueTask AppendResultAsync(CommandResult result, CancellationToken cancellationToken) =>
        _outbox.AppendAsync(
            UplinkStreams.CommandResults,
            JsonSerializer.SerializeToUtf8Bytes(result, ProtocolJsonContext.Default.CommandResult),
            OutboxPriority.Critical,
            cancellationToken);

    private void Reject(string reason)
    {
        UpdateState(s => s with { RejectedIncoming = s.RejectedIncoming + 1 });
        _logger.LogWarning("Uplink: refused an incoming message: {Reason}", reason);
    }

    private void RecordError(string error) =>
        UpdateState(s => s with { LastError = error, LastErrorAt = _time.GetUtcNow() });

    private void UpdateState(Func<UplinkState, UplinkState> change)
    {
        lock (_stateLock)
        {
            _state = change(_state);
        }
    }
}

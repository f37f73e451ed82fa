using System.Text.Json;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Hardware.Nfc.Ndef;
using EdgeGateway.Hardware.Pn532;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Streams;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Nfc;

/// <summary>
/// Polls the PN532 for tags; each new tap becomes one <see cref="TagReadItem"/> in the outbox (stream
/// nfc, normal priority). Runs encode-URL jobs from <see cref="NfcWriteJobs"/>. A missing or silent
/// reader is reopened with exponential backoff; its state is kept in <see cref="NfcReaderHealth"/>.
/// </summary>
public sealed partial class NfcTagService(
    IOptions<NfcOptions> options,
    NfcReaderConnector connector,
    IOutbox outbox,
    NfcWriteJobs writeJobs,
    NfcReaderHealth health,
    NfcRecentTaps recentTaps,
    TimeProvider timeProvider,
    ILogger<NfcTagService> logger) : BackgroundService
{
    private const int MaxUnsent = 256;

    private readonly NfcOptions _options = options.Value;
    private readonly Queue<byte[]> _unsent = new();
    private NfcWriteJobs.Job? _job;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            health.Update(s => s with { State = NfcReaderState.Disabled, Transport = connector.Describe() });
            return;
        }

        health.Update(s => s with { Transport = connector.Describe() });
        var backoff = _options.RetryInitial;
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = connector.Open();
                var session = new NfcReaderSession(connection.Pn532);
                var firmware = await session.InitializeAsync(stoppingToken);
                health.Update(s => s with
                {
                    State = NfcReaderState.Ready,
                    Firmware = firmware.ToString(),
                    Reconnects = attempt > 0 ? s.Reconnects + 1 : s.Reconnects,
                });
                LogReady(connector.Describe(), firmware.ToString());
                backoff = _options.RetryInitial;
                await PollLoopAsync(session, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Pn532Exception e)
            {
                var now = timeProvider.GetUtcNow();
                health.Update(s => s with { State = NfcReaderState.Unavailable, LastError = e.Message, LastErrorAt = now });
                LogUnavailable(connector.Describe(), e.Error, e.Message, backoff);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Anything unforeseen is treated like a lost reader: logged, reported, retried — never a dead service.
                var now = timeProvider.GetUtcNow();
                health.Update(s => s with { State = NfcReaderState.Unavailable, LastError = e.Message, LastErrorAt = now });
                LogUnexpected(e);
            }

            attempt++;
            FailJobs("the NFC reader is unavailable: " + health.Snapshot().LastError);
            try
            {
                await Task.Delay(backoff, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.RetryMax.Ticks));
        }

        FailJobs("the NFC service is stopping.");
    }

    // Returns only by exception: reader-level Pn532Exception (reconnect) or cancellation.
    private async Task PollLoopAsync(NfcReaderSession session, CancellationToken cancellationToken)
    {
        var debouncer = new NfcTapDebouncer(_options.RemovalPolls);
        while (true)
        {
            await FlushUnsentAsync(cancellationToken);
            TakeJob();
            var detectedAt = timeProvider.GetTimestamp();
            var target = await session.PollAsync(cancellationToken);
            if (target is null)
            {
                debouncer.Empty();
            }
            else
            {
                try
                {
                    await HandleTagAsync(session, target, debouncer, detectedAt, cancellationToken);
                }
                catch (Pn532Exception e) when (e.Error is Pn532Error.Status or Pn532Error.UnexpectedResponse)
                {
                    // The tag, not the reader, failed: usually pulled away mid-read. Next appearance is a new tap.
                    debouncer.Forget();
                    var now = timeProvider.GetUtcNow();
                    health.Update(s => s with { TagErrors = s.TagErrors + 1, LastError = e.Message, LastErrorAt = now });
                    LogTagError(target.UidHex, e.Message);
                }

                await session.ReleaseAsync(cancellationToken);
            }

            await Task.Delay(_options.PollInterval, timeProvider, cancellationToken);
        }
    }

    private async Task HandleTagAsync(NfcReaderSession session, Pn532Target target, NfcTapDebouncer debouncer, long detectedAt,
        CancellationToken cancellationToken)
    {
        if (_job is { } job)
        {
            _job = null;
            var result = await session.WriteUrlAsync(target, job.Url, cancellationToken);
            health.Update(s => result.Success
                ? s with { WritesSucceeded = s.WritesSucceeded + 1 }
                : s with { WritesFailed = s.WritesFailed + 1, LastError = result.Error });
            LogWrite(target.UidHex, job.Url, result.Success, result.Error);
            job.Completion.TrySetResult(result);
            // The encoded tag is still on the reader: that is not a customer tap.
            debouncer.Seen(target.UidHex);
            return;
        }

        var isNewTap = debouncer.Seen(target.UidHex);
        var requested = recentTaps.IsReadRequested();
        if (!isNewTap && !requested)
        {
            return;
        }

        var snapshot = await session.ReadAsync(target, cancellationToken);
        var readTime = timeProvider.GetElapsedTime(detectedAt);
        var item = TagReadItemFactory.Create(snapshot, timeProvider.GetUtcNow(), readTime);
        if (snapshot.NdefProblem is { } problem)
        {
            health.Update(s => s with { NdefErrors = s.NdefErrors + 1, LastError = snapshot.NdefProblemMessage });
            LogNdefProblem(item.Uid, problem, snapshot.NdefProblemMessage);
        }

        recentTaps.Record(item);
        if (!isNewTap)
        {
            // A technician's "read now" of a tag that stayed on the reader: shown on the page, not a customer tap.
            return;
        }

        await AppendAsync(JsonSerializer.SerializeToUtf8Bytes(item, ProtocolJsonContext.Default.TagReadItem), cancellationToken);
        health.Update(s => s with { Taps = s.Taps + 1, LastUid = item.Uid, LastTapAt = item.At });
        LogTap(item.Uid, item.TagType, item.ReadMs);
    }

    private async Task AppendAsync(byte[] json, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.AppendAsync(StreamNames.Nfc, json, OutboxPriority.Normal, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Keep the tap and try again next poll: a failing outbox must not lose reads or stop the reader.
            if (_unsent.Count >= MaxUnsent)
            {
                _unsent.Dequeue();
            }

            _unsent.Enqueue(json);
            health.Update(s => s with { OutboxErrors = s.OutboxErrors + 1 });
            LogOutboxError(e.Message, _unsent.Count);
        }
    }

    private async Task FlushUnsentAsync(CancellationToken cancellationToken)
    {
        while (_unsent.TryPeek(out var json))
        {
            try
            {
                await outbox.AppendAsync(StreamNames.Nfc, json, OutboxPriority.Normal, cancellationToken);
                _unsent.Dequeue();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogOutboxError(e.Message, _unsent.Count);
                return;
            }
        }
    }

    private void TakeJob()
    {
        if (_job is null && writeJobs.TryTake(out var next))
        {
            next.StartedAt = timeProvider.GetTimestamp();
            _job = next;
        }

        if (_job is { StartedAt: { } started } job && timeProvider.GetElapsedTime(started) > job.WaitForTag)
        {
            _job = null;
            job.Completion.TrySetResult(NfcWriteResult.Failed(job.Url, $"no tag presented within {job.WaitForTag.TotalSeconds:0.#} s."));
        }
    }

    private void FailJobs(string reason)
    {
        _job?.Completion.TrySetResult(NfcWriteResult.Failed(_job.Url, reason));
        _job = null;
        while (writeJobs.TryTake(out var job))
        {
            job.Completion.TrySetResult(NfcWriteResult.Failed(job.Url, reason));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "NFC reader ready on {Transport}: {Firmware}")]
    private partial void LogReady(string transport, string firmware);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NFC reader on {Transport} unavailable ({Error}): {Reason}; retrying in {Backoff}")]
    private partial void LogUnavailable(string transport, Pn532Error error, string reason, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "NFC service error; reopening the reader")]
    private partial void LogUnexpected(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "NFC tap {Uid} ({TagType}) read in {ReadMs} ms")]
    private partial void LogTap(string uid, string tagType, double readMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NFC tag {Uid} read failed: {Reason}")]
    private partial void LogTagError(string uid, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NFC tag {Uid} has malformed NDEF ({Problem}): {Reason}")]
    private partial void LogNdefProblem(string uid, NdefError problem, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "NFC encode {Url} on {Uid}: success={Success} {Error}")]
    private partial void LogWrite(string uid, string url, bool success, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "NFC outbox append failed ({Reason}); {Unsent} taps held for retry")]
    private partial void LogOutboxError(string reason, int unsent);
}

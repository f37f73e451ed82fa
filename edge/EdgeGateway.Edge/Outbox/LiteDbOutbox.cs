using System.Globalization;
using System.Text.Json;
using EdgeGateway.Protocol.Streams;
using EdgeGateway.Protocol.Topics;
using LiteDB;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Outbox;

/// <summary>
/// The durable outbox: one LiteDB file in direct mode, one collection per stream keyed by the stream's
/// sequence number. Appends are grouped into one transaction per tick, committed and checkpointed
/// before any appender is told its item is durable (LiteDB 5.0 does not fsync on commit; the checkpoint
/// writes the data file). "In flight" is a cursor in memory, not a stored state: after a reconnect or a
/// crash everything not yet deleted is pending again, which costs no disk writes per publish.
/// When the disk cannot be written, items are held in memory (alarm) until it can; a database that
/// cannot be read is moved aside and a new one started.
/// </summary>
public sealed class LiteDbOutbox : IOutbox, IDisposable
{
    private const string StreamsCollection = "streams";
    private const string MetaCollection = "meta";
    private const string SessionKey = "session";
    // One text for every read: see ChunksAfter.
    private const string ChunkAfterExpression = "$._id > @0";
    private const long LiteDbPageSize = 8192;
    private const int PurgeSliceChunks = 32;

    private readonly OutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LiteDbOutbox> _logger;
    private readonly Lock _gate = new();
    private readonly Lock _appendLock = new();
    private readonly Dictionary<string, OutboxStream> _streams = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _appendSignal = new(0);
    private readonly SequenceReservations _reservations;
    private readonly Timer _deadWriterWatch;
    private AppendTick _current = new();
    private TaskCompletionSource _pendingSignal = NewSignal();
    private LiteDatabase? _db;
    private bool _memoryOnly;

    // Set by a failed disk read, cleared by maintenance once the disk is writable: until then the stream waits
    // instead of asking a faulted database again on every batch (the soak saw ~40 failing reads a second with a
    // full disk, each one logged with its stack trace).
    private bool _diskReadFailed;
    private string? _lastStorageError;
    private string? _corruptFileMovedTo;
    private string? _numberingResumed;
    private string? _resumedAbove;
    private bool _numberFromClock;
    private long _reservationFailures;
    private long _rejected;
    private long _resent;
    private long _retainedDropped;
    private long _generation;
    private long _lastSession;
    private long _totalCount;
    private long _totalBytes;
    private DateTimeOffset _lastCheckpoint;
    private bool _disposed;

    public LiteDbOutbox(IOptions<OutboxOptions> options, TimeProvider time, ILogger<LiteDbOutbox> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _lastCheckpoint = time.GetUtcNow();
        _reservations = SequenceReservations.Load(_options.DatabasePath + ".seq");
        if (_reservations.LoadProblem is not null)
        {
            _logger.LogWarning("Outbox: sequence reservation file {Path} is unusable ({Problem}); it will be rewritten", _reservations.Path, _reservations.LoadProblem);
        }

        // Real time on purpose: this frees a thread stuck in LiteDB, whatever clock the outbox is given.
        _deadWriterWatch = new Timer(_ => ReleaseDeadWriter(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        lock (_gate)
        {
            Open(allowMoveAside: true);
        }

        if (_corruptFileMovedTo is not null || _numberingResumed is not null)
        {
            // The cloud must hear that history may be missing, not only the local log.
            var details = new Dictionary<string, string>
            {
                ["kind"] = _corruptFileMovedTo is not null ? "outbox.corrupt-file-moved-aside" : "outbox.database-missing",
                ["numbering"] = _numberingResumed ?? "",
                ["at"] = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            };
            if (_corruptFileMovedTo is not null)
            {
                details["movedTo"] = _corruptFileMovedTo;
            }

            if (_resumedAbove is not null)
            {
                details["resumedAbove"] = _resumedAbove;
            }

            _ = Enqueue(new PendingItem(StreamNames.Events, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(details, Hosting.EdgeJsonContext.Default.DictionaryStringString), OutboxPriority.Normal));
        }
    }

    /// <summary>Raised after items were written, so a publisher waiting for work wakes up.</summary>
    public Task PendingSignal
    {
        get
        {
            lock (_gate)
            {
                return HasPendingLocked() ? Task.CompletedTask : _pendingSignal.Task;
            }
        }
    }

    /// <summary>
    /// Memory taken by LiteDB's page cache. The cache grows to the most pages one transaction held at once and never
    /// gives memory back, so this is the high-water mark of the largest single read or write against the file.
    /// </summary>
    public long CacheBytes
    {
        get
        {
            lock (_gate)
            {
                try
                {
                    var cache = _db?.GetCollection("$database").FindAll().FirstOrDefault()?["cache"];
                    return cache is null || cache.IsNull ? 0 : cache["extendPages"].AsInt64 * LiteDbPageSize;
                }
                catch (Exception ex) when (IsStorageFailure(ex))
                {
                    return 0;
                }
            }
        }
    }

    public OutboxState State
    {
        get
        {
            lock (_gate)
            {
                return new OutboxState
                {
                    Backlog = _totalCount,
                    BacklogBytes = _totalBytes,
                    InFlight = _streams.Values.Sum(s => s.InFlight),
                    Shed = _streams.Values.Where(s => s.Shed > 0).ToDictionary(s => s.Name, s => s.Shed, StringComparer.Ordinal),
                    Rejected = Interlocked.Read(ref _rejected),
                    MemoryOnly = _memoryOnly,
                    LastStorageError = _lastStorageError,
                    CorruptFileMovedTo = _corruptFileMovedTo,
                    NumberingResumed = _numberingResumed,
                    ReservationFailures = Interlocked.Read(ref _reservationFailures),
                    Retained = _streams.Values.Sum(s => s.RetainedCount),
                    RetainedBytes = _streams.Values.Sum(s => s.RetainedBytes),
                    Resent = _resent,
                    LastSeq = _streams.Values.Where(s => s.NextSeq > 1).ToDictionary(s => s.Name, s => s.NextSeq - 1, StringComparer.Ordinal),
                };
            }
        }
    }

    public ValueTask AppendAsync(string stream, ReadOnlyMemory<byte> itemJson, OutboxPriority priority, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!GatewayTopics.IsValidLevel(stream))
        {
            Interlocked.Increment(ref _rejected);
            throw new ArgumentException($"'{stream}' is not a valid stream name (it becomes a topic level)", nameof(stream));
        }

        if (!IsOneJsonValue(itemJson.Span, out var why))
        {
            Interlocked.Increment(ref _rejected);
            throw new ArgumentException($"item for stream '{stream}' is not one JSON value: {why}", nameof(itemJson));
        }

        var durable = Enqueue(new PendingItem(stream, itemJson.ToArray(), priority));
        return new ValueTask(durable.WaitAsync(cancellationToken));
    }

    /// <summary>
    /// The writer: turns each tick's appends into one transaction + checkpoint, and runs the timers
    /// (checkpoint, age limit, return from memory-only). Run by <see cref="OutboxService"/>.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var signalled = await _appendSignal.WaitAsync(_options.MaintenanceInterval, cancellationToken);
            if (signalled && _options.AppendLinger > TimeSpan.Zero)
            {
                await Task.Delay(_options.AppendLinger, _time, cancellationToken);
            }

            FlushTick();
            RunMaintenanceIfDue();
        }
    }

    /// <summary>Writes what was appended so far (one transaction) and completes those appends.</summary>
    public void FlushTick()
    {
        AppendTick tick;
        lock (_appendLock)
        {
            if (_current.Items.Count == 0)
            {
                return;
            }

            tick = _current;
            _current = new AppendTick();
        }

        try
        {
            lock (_gate)
            {
                WriteLocked(tick.Items);
            }

            tick.Durable.TrySetResult();
        }
        catch (Exception ex)
        {
            tick.Durable.TrySetException(ex);
            throw;
        }
    }

    /// <summary>Allocates the next session number: persisted, and never below the wall clock's milliseconds.</summary>
    public long NextSession()
    {
        lock (_gate)
        {
            var floor = Math.Max(_lastSession + 1, _time.GetUtcNow().ToUnixTimeMilliseconds());
            var session = floor;
            if (_db is not null)
            {
                try
                {
                    var meta = _db.GetCollection(MetaCollection);
                    var stored = meta.FindById(SessionKey)?["value"].AsInt64 ?? 0;
                    session = Math.Max(floor, stored + 1);
                    meta.Upsert(new BsonDocument { ["_id"] = SessionKey, ["value"] = session });
                    LiteDbDeadWriter.Checkpoint(_db);
                }
                catch (Exception ex) when (IsStorageFailure(ex))
                {
                    NoteStorageFailure(ex, "persisting the session number");
                }
            }

            _lastSession = session;
            return session;
        }
    }

    /// <summary>
    /// Takes the next batch to publish: the stream whose next pending item has the highest priority
    /// (then the oldest), consecutive items bounded by count and bytes.
    /// </summary>
    public bool TryTakeNextBatch(int maxItems, long maxBytes, out OutboxBatch? batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        lock (_gate)
        {
            batch = null;
            OutboxStream? best = null;
            OutboxRow bestHead = default;
            foreach (var stream in _streams.Values)
            {
                if (!stream.HasPending)
                {
                    continue;
                }

                var head = ReadPendingLocked(stream, 1);
                if (head.Count == 0)
                {
                    continue;
                }

                if (best is null || head[0].Priority > bestHead.Priority ||
                    (head[0].Priority == bestHead.Priority && head[0].AppendedAt < bestHead.AppendedAt))
                {
                    best = stream;
                    bestHead = head[0];
                }
            }

            if (best is null)
            {
                return false;
            }

            var candidates = ReadPendingLocked(best, maxItems);
            var rows = new List<OutboxRow>(candidates.Count);
            long bytes = 0;
            foreach (var row in candidates)
            {
                var contiguous = rows.Count == 0 || row.Seq == rows[^1].Seq + 1;
                if (!contiguous || (rows.Count > 0 && bytes + row.Json.Length > maxBytes))
                {
                    break;
                }

                rows.Add(row);
                bytes += row.Json.Length;
            }

            best.SentThrough = rows[^1].Seq;
            best.InFlight += rows.Count;
            batch = new OutboxBatch(best.Name, rows, bytes) { Generation = best.Generation };
            return true;
        }
    }

    /// <summary>
    /// The broker acknowledged the batch (PUBACK): its rows are gone from the backlog at once, kept on disk for
    /// <see cref="OutboxOptions.RetainAcknowledged"/> (a PUBACK is not proof that the consumer got them: see
    /// <see cref="Resend"/>) and then deleted by maintenance (one bulk delete instead of one per PUBACK: LiteDB
    /// rewrites every page it frees, so per-PUBACK deletes cost a day's drain most of its time). After a crash,
    /// rows acknowledged since the last maintenance are sent again and dropped by the consumer as duplicates.
    /// Batches of a stream must be acknowledged in order.
    /// </summary>
    public void Acknowledge(OutboxBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            if (!_streams.TryGetValue(batch.Stream, out var stream) || batch.Generation != stream.Generation)
            {
                return;
            }

            stream.Memory.RemoveAll(r => r.Seq <= batch.LastSeq);
            if (stream.Replay is { } replay && (batch.LastSeq >= replay.At || batch.FirstSeq > replay.At))
            {
                // The resent part is through: what followed it had been acknowledged already.
                stream.AckedThrough = Math.Max(batch.LastSeq, replay.To);
                stream.SentThrough = Math.Max(stream.SentThrough, stream.AckedThrough);
                stream.Replay = null;
            }
            else
            {
                stream.AckedThrough = Math.Max(stream.AckedThrough, batch.LastSeq);
            }

            stream.InFlight -= batch.Rows.Count;
            stream.Count -= batch.Rows.Count;
            stream.Bytes -= batch.Bytes;
            stream.RetainedCount += batch.Rows.Count;
            stream.RetainedBytes += batch.Bytes;
            _totalCount -= batch.Rows.Count;
            _totalBytes -= batch.Bytes;
            MarkAcknowledgedLocked(stream);
        }
    }

    /// <summary>The connection was lost: everything in flight is pending again (sent again in order).</summary>
    public void ReturnInFlightToPending()
    {
        lock (_gate)
        {
            foreach (var stream in _streams.Values)
            {
                stream.Generation = ++_generation;
                stream.SentThrough = stream.AckedThrough;
                stream.InFlight = 0;
            }

            SignalPendingLocked();
        }
    }

    /// <summary>
    /// The consumer is missing items <paramref name="fromSeq"/>..<paramref name="toSeq"/> (default: through the highest
    /// acknowledged) although the broker acknowledged them: the acknowledged rows of that range still on disk become
    /// pending again and are sent in order before newer items. Batches of this stream in flight are treated as after a
    /// reconnect (sent again). Says what was re-queued and what is gone for good (past its retention, or shed).
    /// </summary>
    /// <exception cref="InvalidOperationException">The database cannot be read now; ask again later.</exception>
    public OutboxResend Resend(string stream, long fromSeq, long? toSeq = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(fromSeq, 1);
        if (toSeq < fromSeq)
        {
            throw new ArgumentOutOfRangeException(nameof(toSeq), $"toSeq {toSeq} is below fromSeq {fromSeq}");
        }

        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var s))
            {
                return new OutboxResend(stream, [], [], null, new SeqRange(fromSeq, toSeq ?? fromSeq));
            }

            var appended = s.NextSeq - 1;
            var acked = s.Replay?.To ?? s.AckedThrough;
            var to = Math.Min(toSeq ?? acked, appended);
            SeqRange? notAppended = toSeq > appended ? new SeqRange(Math.Max(fromSeq, appended + 1), toSeq.Value) : null;
            SeqRange? pending = to > acked && Math.Max(fromSeq, acked + 1) <= to ? new SeqRange(Math.Max(fromSeq, acked + 1), to) : null;
            var replayTo = Math.Min(to, acked);
            if (fromSeq > replayTo)
            {
                return new OutboxResend(stream, [], [], pending, notAppended);
            }

            if (_db is null)
            {
                throw new InvalidOperationException("the outbox database cannot be read right now (memory-only mode); ask again later");
            }

            // Everything at or below TrimmedThrough is deleted; above it, only rows on disk are there (shed ones are not).
            var readAfter = Math.Max(fromSeq - 1, s.TrimmedThrough);
            var errorBefore = _lastStorageError;
            var present = readAfter >= replayTo
                ? []
                : SeqRange.Fold(ReadRowsLocked(s, readAfter, (int)Math.Min(replayTo - readAfter, int.MaxValue))
                    .Select(r => r.Seq).Where(seq => seq <= replayTo));
            if (!ReferenceEquals(errorBefore, _lastStorageError))
            {
                throw new InvalidOperationException($"the outbox database cannot be read right now: {_lastStorageError}");
            }

            var gone = SeqRange.Complement(fromSeq, replayTo, present);
            if (present.Count > 0)
            {
                RewindLocked(_db, s, present[0].From - 1, present[^1].To, acked);
            }

            var result = new OutboxResend(stream, present, gone, pending, notAppended);
            _resent += result.ResentItems;
            _logger.LogInformation(
                "Outbox: resend of stream {Stream} {From}..{To} requested: {Resent} items pending again, gone {Gone}",
                stream, fromSeq, toSeq?.ToString(CultureInfo.InvariantCulture) ?? "end", result.ResentItems, string.Join(',', gone.Select(g => $"{g.From}-{g.To}")));
            return result;
        }
    }

    /// <summary>Makes acknowledged rows (cursor, end] pending again, keeping (end, acked] acknowledged, and recounts exactly.</summary>
    private void RewindLocked(LiteDatabase db, OutboxStream s, long cursor, long end, long acked)
    {
        var newCursor = Math.Min(cursor, s.AckedThrough);
        var newEnd = s.Replay is { } running ? Math.Max(end, running.At) : end;
        var before = s.Replay is { } old ? MeasureDiskLocked(db, s, s.AckedThrough, old.At) : (Count: 0L, Bytes: 0L);
        var after = MeasureDiskLocked(db, s, newCursor, newEnd);
        var count = after.Count - before.Count;
        var bytes = after.Bytes - before.Bytes;
        s.Count += count;
        s.Bytes += bytes;
        _totalCount += count;
        _totalBytes += bytes;
        s.RetainedCount = Math.Max(0, s.RetainedCount - count);
        s.RetainedBytes = Math.Max(0, s.RetainedBytes - bytes);
        s.AckedThrough = newCursor;
        s.SentThrough = newCursor;
        s.InFlight = 0;
        s.Generation = ++_generation;
        s.Replay = newEnd < acked ? (newEnd, acked) : null;
        s.ReadCache = null;
        SignalPendingLocked();
    }

    /// <summary>Checkpoint and age limit now (the timer does this every <see cref="OutboxOptions.MaintenanceInterval"/>).</summary>
    public void RunMaintenance()
    {
        lock (_gate)
        {
            if (_memoryOnly)
            {
                TryReturnToDiskLocked();
            }

            if (!_memoryOnly)
            {
                _diskReadFailed = false;
            }

            ShedOlderThanMaxAgeLocked();
        }

        // Retention purges in slices, letting go of the lock in between: one pass after an outage can delete
        // tens of thousands of rows, and appends, the uplink, the page and /metrics all wait on this lock
        // (a 54,000-row purge held it 2.3-4.7 s in one piece; OutboxPurgeBenchmarks).
        var more = true;
        while (more)
        {
            lock (_gate)
            {
                more = false;
                if (_db is not null && !_memoryOnly)
                {
                    try
                    {
                        more = PurgeAcknowledgedLocked(_db, force: false, PurgeSliceChunks);
                        if (!more)
                        {
                            LiteDbDeadWriter.Checkpoint(_db);
                        }
                    }
                    catch (Exception ex) when (IsStorageFailure(ex))
                    {
                        NoteStorageFailure(ex, "checkpoint");
                    }
                }

                if (!more)
                {
                    _lastCheckpoint = _time.GetUtcNow();
                }
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _deadWriterWatch.Dispose();
        try
        {
            FlushTick();
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            _logger.LogWarning(ex, "Outbox: final flush failed");
        }

        lock (_gate)
        {
            if (_db is not null && !_memoryOnly)
            {
                try
                {
                    PurgeAcknowledgedLocked(_db, force: false, int.MaxValue);
                    LiteDbDeadWriter.Checkpoint(_db);
                }
                catch (Exception ex) when (IsStorageFailure(ex))
                {
                    _logger.LogWarning(ex, "Outbox: trimming acknowledged rows at close failed");
                }
            }

            if (_db is not null)
            {
                ForgetOpenTransactions(_db);
                _db.Dispose();
                _db = null;
            }
        }

        _appendSignal.Dispose();
    }

    private Task Enqueue(PendingItem item)
    {
        Task durable;
        bool first;
        lock (_appendLock)
        {
            first = _current.Items.Count == 0;
            _current.Items.Add(item);
            durable = _current.Durable.Task;
        }

        if (first)
        {
            _appendSignal.Release();
        }

        return durable;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static bool IsOneJsonValue(ReadOnlySpan<byte> json, out string? why)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read())
            {
                why = "empty";
                return false;
            }

            reader.Skip();
            if (reader.Read())
            {
                why = "more than one value";
                return false;
            }

            why = null;
            return true;
        }
        catch (JsonException ex)
        {
            why = ex.Message;
            return false;
        }
    }

    private static bool IsStorageFailure(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or LiteException or ObjectDisposedException;

    private void RunMaintenanceIfDue()
    {
        if (_time.GetUtcNow() - _lastCheckpoint >= _options.CheckpointInterval || _memoryOnly)
        {
            RunMaintenance();
        }
    }

    private void Open(bool allowMoveAside)
    {
        var path = _options.DatabasePath;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var existed = File.Exists(path);
            _db = OpenAndLoad(path);
            if (!existed && allowMoveAside && _reservations.FileExisted)
            {
                // Numbers were handed out before, but the database that held them is gone (deleted or lost).
                ResumeNumberingLocked();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _db = null;
            NoteStorageFailure(ex, "opening the database");
        }
        catch (Exception ex) when (allowMoveAside)
        {
            // Anything else while reading our own file means it is unreadable: keep it for analysis, start
            // a new one, never crash-loop on it.
            var movedTo = $"{path}.corrupt-{_time.GetUtcNow():yyyyMMddTHHmmssZ}";
            _logger.LogError(ex, "Outbox: database {Path} is unreadable; moved aside to {MovedTo}", path, movedTo);
            File.Move(path, movedTo, overwrite: true);
            var log = LogFilePath(path);
            if (File.Exists(log))
            {
                File.Move(log, movedTo + "-log", overwrite: true);
            }

            _corruptFileMovedTo = movedTo;
            _streams.Clear();
            _db = OpenAndLoad(path);
            ResumeNumberingLocked();
        }
    }

    /// <summary>
    /// A new database replaces one that held history: every stream continues above the numbers reserved on disk,
    /// or, without a usable reservation file, above the clock in milliseconds (the last resort: a Pi without a
    /// real-time clock may boot near 1970 before NTP, which is why the reservation file exists at all).
    /// </summary>
    private void ResumeNumberingLocked()
    {
        if (!_reservations.FileExisted)
        {
            _numberFromClock = true;
            _numberingResumed = "from the clock: no usable sequence reservation file";
            _logger.LogError("Outbox: database history is gone and no reservation file was found; numbering resumes from the clock");
            return;
        }

        foreach (var (name, through) in _reservations.ReservedThrough)
        {
            var stream = GetOrCreateLocked(name);
            stream.NextSeq = Math.Max(stream.NextSeq, through + 1);
            stream.AckedThrough = stream.SentThrough = stream.TrimmedThrough = stream.NextSeq - 1;
            SaveStreamLocked(_db!, stream);
        }

        LiteDbDeadWriter.Checkpoint(_db!);
        _numberingResumed = "above the reserved sequence numbers";
        _resumedAbove = string.Join(',', _reservations.ReservedThrough.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")));
        _logger.LogWarning("Outbox: database history is gone; {Count} streams continue above their reserved sequence numbers", _reservations.ReservedThrough.Count);
    }

    private static string LogFilePath(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? ".", Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    private LiteDatabase OpenAndLoad(string path)
    {
        var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        try
        {
            foreach (var doc in db.GetCollection(StreamsCollection).FindAll())
            {
                var name = doc["_id"].AsString;
                var stream = new OutboxStream(name, doc["c"].AsString) { Shed = doc["shed"].AsInt64 };
                var storedAcked = doc.TryGetValue("acked", out var acked) ? acked.AsInt64 : long.MinValue;
                long count = 0, bytes = 0, first = 0, last = 0, retainedCount = 0, retainedBytes = 0;
                foreach (var chunk in ChunksAfter(db, stream, long.MinValue))
                {
                    var measured = OutboxChunk.Measure(chunk);
                    first = count == 0 ? measured.FirstSeq : first;
                    last = chunk["_id"].AsInt64;
                    count += measured.Count;
                    bytes += measured.Bytes;
                    var retained = OutboxChunk.MeasureRange(chunk, long.MinValue, storedAcked);
                    retainedCount += retained.Count;
                    retainedBytes += retained.Bytes;
                }

                stream.DiskThrough = count > 0 ? last : long.MinValue;
                stream.NextSeq = Math.Max(doc["next"].AsInt64, last + 1);
                stream.TrimmedThrough = count > 0 ? first - 1 : stream.NextSeq - 1;

                // Rows acknowledged before the last maintenance stay acknowledged (retained); later ones are sent again.
                stream.AckedThrough = Math.Clamp(storedAcked, stream.TrimmedThrough, stream.NextSeq - 1);
                stream.SavedAcked = storedAcked;
                stream.SentThrough = stream.AckedThrough;
                stream.Count = count - retainedCount;
                stream.Bytes = bytes - retainedBytes;
                stream.RetainedCount = retainedCount;
                stream.RetainedBytes = retainedBytes;
                if (retainedCount > 0)
                {
                    // When they were acknowledged is not stored: retain them from now, the safe side.
                    stream.AckMarks.Add((stream.AckedThrough, CurrentSlot()));
                }

                MergeLoadedStream(stream);
            }

            _lastSession = Math.Max(_lastSession, db.GetCollection(MetaCollection).FindById(SessionKey)?["value"].AsInt64 ?? 0);
            RecountLocked();
            return db;
        }
        catch
        {
            ForgetOpenTransactions(db);
            db.Dispose();
            throw;
        }
    }

    /// <summary>Runs outside the lock, which the stuck checkpoint holds: see <see cref="LiteDbDeadWriter"/>.</summary>
    private void ReleaseDeadWriter()
    {
        if (Volatile.Read(ref _db) is { } db && LiteDbDeadWriter.ReleaseWaiters(db))
        {
            _logger.LogWarning("Outbox: LiteDB's writer died of a storage fault while a checkpoint waited for it; released the wait, the outbox goes on in memory and reopens the file");
        }
    }

    /// <summary>Before an instance is dropped: see <see cref="LiteDbOpenTransactions"/>.</summary>
    private void ForgetOpenTransactions(LiteDatabase db)
    {
        switch (LiteDbOpenTransactions.Disarm(db))
        {
            case null:
                _logger.LogWarning("Outbox: cannot reach the open transactions of the database being closed; keeping that instance in memory so LiteDB's finalizer never runs");
                break;
            case > 0 and var open:
                _logger.LogWarning("Outbox: the database being closed still held {Count} open transactions after a storage fault; their finalizers are switched off", open);
                break;
        }
    }

    private void MergeLoadedStream(OutboxStream loaded)
    {
        if (!_streams.TryGetValue(loaded.Name, out var existing))
        {
            _streams[loaded.Name] = loaded;
            return;
        }

        // Returning to a disk that could not be opened at start: keep the memory rows (their sequence
        // numbers came from the clock floor, above anything on disk) and resend the disk rows first.
        existing.Memory.RemoveAll(r => r.Seq <= loaded.DiskThrough);
        existing.DiskThrough = loaded.DiskThrough;
        existing.NextSeq = Math.Max(existing.NextSeq, loaded.NextSeq);
        existing.Shed += loaded.Shed;
        existing.AckedThrough = loaded.AckedThrough;
        existing.TrimmedThrough = loaded.TrimmedThrough;
        existing.SavedAcked = loaded.SavedAcked;
        existing.SentThrough = loaded.AckedThrough;
        existing.Replay = null;
        existing.InFlight = 0;
        existing.Count = loaded.Count + existing.Memory.Count;
        existing.Bytes = loaded.Bytes + existing.Memory.Sum(r => (long)r.Json.Length);
        existing.RetainedCount = loaded.RetainedCount;
        existing.RetainedBytes = loaded.RetainedBytes;
        existing.AckMarks.Clear();
        existing.AckMarks.AddRange(loaded.AckMarks);
        existing.Generation = ++_generation;
    }

    private void RecountLocked()
    {
        _totalCount = _streams.Values.Sum(s => s.Count);
        _totalBytes = _streams.Values.Sum(s => s.Bytes);
    }

    private OutboxStream GetOrCreateLocked(string name)
    {
        if (_streams.TryGetValue(name, out var stream))
        {
            return stream;
        }

        stream = new OutboxStream(name, "q" + _streams.Count.ToString(CultureInfo.InvariantCulture));
        if (_db is null || _numberFromClock)
        {
            // No disk to ask for the last sequence number: start above anything it could hold.
            stream.NextSeq = _time.GetUtcNow().ToUnixTimeMilliseconds();
            stream.AckedThrough = stream.SentThrough = stream.NextSeq - 1;
        }

        _streams[name] = stream;
        return stream;
    }

    private void WriteLocked(List<PendingItem> items)
    {
        var now = _time.GetUtcNow();
        var byStream = new Dictionary<OutboxStream, List<OutboxRow>>();
        var full = _options.FullPolicy == OutboxFullPolicy.DropNewBulk &&
                   (_totalCount >= _options.MaxItems || _totalBytes >= _options.MaxBytes);
        foreach (var item in items)
        {
            var stream = GetOrCreateLocked(item.Stream);
            if (full && item.Priority == OutboxPriority.Bulk)
            {
                stream.Shed++;
                continue;
            }

            if (!byStream.TryGetValue(stream, out var rows))
            {
                rows = [];
                byStream[stream] = rows;
            }

            rows.Add(new OutboxRow(stream.NextSeq++, item.Priority, now, item.Json));
        }

        foreach (var stream in byStream.Keys)
        {
            ReserveLocked(stream);
        }

        if (_memoryOnly || _db is null || !TryWriteToDiskLocked(byStream))
        {
            foreach (var (stream, rows) in byStream)
            {
                stream.Memory.AddRange(rows);
            }
        }

        foreach (var (stream, rows) in byStream)
        {
            stream.Count += rows.Count;
            var bytes = rows.Sum(r => (long)r.Json.Length);
            stream.Bytes += bytes;
            _totalCount += rows.Count;
            _totalBytes += bytes;
        }

        if (_options.FullPolicy == OutboxFullPolicy.DropOldestBulk)
        {
            ShedOldestBulkLocked();
        }

        SignalPendingLocked();
    }

    /// <summary>Before numbers can leave the gateway they must be covered by a reservation on disk.</summary>
    private void ReserveLocked(OutboxStream stream)
    {
        try
        {
            _reservations.Cover(stream.Name, stream.NextSeq - 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not worth holding items back for: it only matters if the database is also lost later.
            if (Interlocked.Increment(ref _reservationFailures) == 1)
            {
                _logger.LogWarning(ex, "Outbox: cannot write sequence reservations to {Path}", _reservations.Path);
            }
        }
    }

    private bool TryWriteToDiskLocked(Dictionary<OutboxStream, List<OutboxRow>> byStream)
    {
        var db = _db!;
        try
        {
            db.BeginTrans();
            foreach (var (stream, rows) in byStream)
            {
                db.GetCollection(stream.Collection).Insert(OutboxChunk.Encode(rows));
                SaveStreamLocked(db, stream);
            }

            db.Commit();
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            TryRollback(db);
            EnterMemoryOnlyLocked(ex);
            return false;
        }

        return CheckpointCommittedLocked(db);
    }

    /// <summary>
    /// Makes committed rows durable: LiteDB's commit only queues their pages for its writer thread, and the
    /// checkpoint waits for that queue before copying the log into the data file. When it fails, the rows may be in
    /// the log or lost with the writer (the fault soak lost a tick that way), so the caller keeps them in memory as well
    /// and the outbox goes memory-only; the copies are matched by sequence number when the disk is back
    /// (<see cref="TryMoveMemoryRowsToDiskLocked"/>, <see cref="MergeLoadedStream"/>), never inserted twice.
    /// </summary>
    private bool CheckpointCommittedLocked(LiteDatabase db)
    {
        try
        {
            LiteDbDeadWriter.Checkpoint(db);
            return true;
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            NoteStorageFailure(ex, "checkpoint");
            EnterMemoryOnlyLocked(ex);
            return false;
        }
    }

    private static void SaveStreamLocked(LiteDatabase db, OutboxStream stream)
    {
        db.GetCollection(StreamsCollection).Upsert(new BsonDocument
        {
            ["_id"] = stream.Name,
            ["c"] = stream.Collection,
            ["next"] = stream.NextSeq,
            ["shed"] = stream.Shed,
            ["acked"] = stream.AckedThrough,
        });
        stream.SavedAcked = stream.AckedThrough;
    }

    private void TryRollback(LiteDatabase db)
    {
        try
        {
            db.Rollback();
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            _logger.LogDebug(ex, "Outbox: rollback after a failed write also failed");
        }
    }

    private void EnterMemoryOnlyLocked(Exception ex)
    {
        if (!_memoryOnly)
        {
            _logger.LogError(ex, "ALARM outbox: cannot write {Path}; holding items in memory until the disk is writable again", _options.DatabasePath);
        }

        _memoryOnly = true;
        _lastStorageError = ex.Message;
    }

    private void NoteStorageFailure(Exception ex, string what)
    {
        var error = $"{what}: {ex.Message}";
        var repeated = error == _lastStorageError;
        _lastStorageError = error;
        if (_db is null)
        {
            EnterMemoryOnlyLocked(ex);
        }
        else if (repeated)
        {
            // The same failure again (a full disk fails every retry the same way): once in the log is enough.
            _logger.LogDebug("Outbox: {What} failed again: {Error}", what, ex.Message);
        }
        else
        {
            _logger.LogWarning(ex, "Outbox: {What} failed", what);
        }
    }

    private void TryReturnToDiskLocked()
    {
        if (!DiskHasRoomLocked())
        {
            // Writing to a full disk fails at best; LiteDB may also block on its faulted writer. Wait for space.
            return;
        }

        if (_db is null)
        {
            Open(allowMoveAside: false);
            if (_db is null)
            {
                return;
            }
        }

        DropRetainedLocked(); // a full disk needs room before anything else

        if (!TryMoveMemoryRowsToDiskLocked(_db))
        {
            // LiteDB's writer keeps the first I/O fault and rethrows it on every later write (seen with a disk that
            // filled up and was freed again), so a file that stays broken gets one fresh open; loading it merges
            // the disk rows back in front of the memory rows.
            ReopenLocked();
            if (_db is null || !TryMoveMemoryRowsToDiskLocked(_db))
            {
                return;
            }
        }

        foreach (var stream in _streams.Values)
        {
            stream.Memory.Clear();
        }

        _memoryOnly = false;
        _logger.LogWarning("Outbox: disk {Path} is writable again; memory-only mode ended", _options.DatabasePath);
    }

    private bool TryMoveMemoryRowsToDiskLocked(LiteDatabase db)
    {
        try
        {
            db.BeginTrans();
            foreach (var stream in _streams.Values)
            {
                var collection = db.GetCollection(stream.Collection);
                stream.ReadCache = null;
                var onDisk = collection.FindOne(Query.All(Query.Descending)) is { } last ? last["_id"].AsInt64 : long.MinValue;
                var missing = stream.Memory.Where(r => r.Seq > onDisk).ToList();
                if (missing.Count > 0)
                {
                    collection.Insert(OutboxChunk.Encode(missing));
                }

                SaveStreamLocked(db, stream);
            }

            db.Commit();
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            TryRollback(db);
            _lastStorageError = ex.Message;
            return false;
        }

        return CheckpointCommittedLocked(db);
    }

    private void ReopenLocked()
    {
        if (_db is { } failed)
        {
            ForgetOpenTransactions(failed);
            // Closing flushes LiteDB's write queue, which can wait forever behind an I/O fault; never let that
            // hold the outbox lock (the page, the watchdog and every append wait on it).
            var closing = Task.Run(failed.Dispose);
            try
            {
                if (!closing.Wait(TimeSpan.FromSeconds(5)))
                {
                    _logger.LogWarning("Outbox: the failed database did not close within 5 s; abandoning that handle");
                }
            }
            catch (AggregateException ex) when (ex.InnerException is { } inner && IsStorageFailure(inner))
            {
                _logger.LogDebug(inner, "Outbox: closing the failed database also failed");
            }
        }

        _db = null;
        Open(allowMoveAside: false);
    }

    /// <summary>Room for the rows held in memory (four times, for LiteDB's log and checkpoint), at least 256 KiB; true when unknown.</summary>
    private bool DiskHasRoomLocked()
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(_options.DatabasePath))!;
            var held = _streams.Values.Sum(s => s.Memory.Sum(r => (long)r.Json.Length));
            return new DriveInfo(directory).AvailableFreeSpace >= Math.Max(256L * 1024, 4 * held);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return true;
        }
    }

    private List<OutboxRow> ReadRowsLocked(OutboxStream stream, long afterSeq, int limit)
    {
        var rows = new List<OutboxRow>(Math.Min(limit, 1024));
        if (_db is not null && _diskReadFailed)
        {
            // Disk rows come first in sequence order; until maintenance finds the disk writable, the stream waits.
            return [];
        }

        if (_db is not null)
        {
            try
            {
                var readFrom = afterSeq;
                if (stream.ReadCache is { Count: > 0 } cached && cached[0].Seq <= afterSeq + 1 && cached[^1].Seq > afterSeq)
                {
                    rows.AddRange(cached.Where(r => r.Seq > afterSeq).Take(limit));
                    readFrom = cached[^1].Seq;
                }

                if (rows.Count < limit)
                {
                    foreach (var chunk in ChunksAfter(_db, stream, readFrom))
                    {
                        var decoded = OutboxChunk.Decode(chunk).ToList();
                        stream.ReadCache = decoded;
                        rows.AddRange(decoded.Where(r => r.Seq > afterSeq).Take(limit - rows.Count));
                        if (rows.Count >= limit)
                        {
                            break;
                        }
                    }
                }
            }
            catch (Exception ex) when (IsStorageFailure(ex))
            {
                // Disk rows come first in sequence order; without them the stream must wait.
                _diskReadFailed = true;
                NoteStorageFailure(ex, "reading rows");
                return [];
            }
        }

        var after = rows.Count > 0 ? rows[^1].Seq : afterSeq;
        foreach (var row in stream.Memory)
        {
            if (rows.Count >= limit)
            {
                break;
            }

            if (row.Seq > after)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private void ShedOldestBulkLocked()
    {
        if (_streams.Values.Any(s => s.RetainedCount > 0) &&
            (_totalCount + _streams.Values.Sum(s => s.RetainedCount) > _options.MaxItems ||
             _totalBytes + _streams.Values.Sum(s => s.RetainedBytes) > _options.MaxBytes))
        {
            DropRetainedLocked();
        }

        var chunk = Math.Max(1, _options.MaxItems / 100);
        while (_totalCount > _options.MaxItems || _totalBytes > _options.MaxBytes)
        {
            var shedAny = false;
            foreach (var stream in _streams.Values.OrderBy(s => s.AckedThrough))
            {
                if (ShedHeadLocked(stream, chunk, _ => true) > 0)
                {
                    shedAny = true;
                    break;
                }
            }

            if (!shedAny)
            {
                return; // only items that are never shed are left: over the limit, but nothing is lost
            }
        }
    }

    private void ShedOlderThanMaxAgeLocked()
    {
        var cutoff = _time.GetUtcNow() - _options.MaxAge;
        foreach (var stream in _streams.Values)
        {
            while (ShedHeadLocked(stream, 1000, row => row.AppendedAt < cutoff) == 1000)
            {
            }
        }
    }

    /// <summary>Deletes up to <paramref name="limit"/> pending bulk rows from the head of a stream while <paramref name="also"/> holds.</summary>
    private int ShedHeadLocked(OutboxStream stream, int limit, Func<OutboxRow, bool> also)
    {
        var victims = new List<OutboxRow>();
        foreach (var row in ReadPendingLocked(stream, limit))
        {
            if (row.Priority != OutboxPriority.Bulk || !also(row))
            {
                break;
            }

            victims.Add(row);
        }

        if (victims.Count == 0)
        {
            return 0;
        }

        var first = victims[0].Seq;
        var last = victims[^1].Seq;
        if (_db is not null)
        {
            try
            {
                RemoveRangeFromDiskLocked(_db, stream, first, last);
            }
            catch (Exception ex) when (IsStorageFailure(ex))
            {
                NoteStorageFailure(ex, "shedding rows");
                return 0;
            }
        }

        stream.Memory.RemoveAll(r => r.Seq >= first && r.Seq <= last);
        var bytes = victims.Sum(r => (long)r.Json.Length);
        stream.Count -= victims.Count;
        stream.Bytes -= bytes;
        stream.Shed += victims.Count;
        _totalCount -= victims.Count;
        _totalBytes -= bytes;
        if (_db is not null && !_memoryOnly)
        {
            try
            {
                SaveStreamLocked(_db, stream);
            }
            catch (Exception ex) when (IsStorageFailure(ex))
            {
                NoteStorageFailure(ex, "saving shed counters");
            }
        }

        _logger.LogWarning(
            "Outbox full: shed {Count} bulk items of stream {Stream} (seq {First}..{Last}); {Total} shed so far",
            victims.Count, stream.Name, first, last, stream.Shed);
        return victims.Count;
    }

    /// <summary>Removes rows first..last: chunks inside the range are deleted, chunks it cuts are rewritten with the rest.</summary>
    private static void RemoveRangeFromDiskLocked(LiteDatabase db, OutboxStream stream, long first, long last)
    {
        stream.ReadCache = null;
        var collection = db.GetCollection(stream.Collection);
        var affected = new List<BsonDocument>();
        foreach (var chunk in ChunksAfter(db, stream, first == long.MinValue ? first : first - 1))
        {
            affected.Add(chunk);
            if (chunk["_id"].AsInt64 >= last)
            {
                break;
            }
        }

        db.BeginTrans();
        try
        {
            foreach (var chunk in affected)
            {
                var rows = OutboxChunk.Decode(chunk).ToList();
                var keep = rows.Where(r => r.Seq < first || r.Seq > last).ToList();
                if (keep.Count == rows.Count)
                {
                    continue;
                }

                collection.Delete(chunk["_id"]);
                if (keep.Count > 0)
                {
                    collection.Insert(OutboxChunk.Encode(keep));
                }
            }

            db.Commit();
        }
        catch
        {
            db.Rollback();
            throw;
        }
    }

    /// <summary>
    /// Deletes acknowledged rows whose retention is over (all of them when <paramref name="force"/>): whole chunks
    /// one by one, and the chunk the limit cuts rewritten without them. Records how far each stream is
    /// acknowledged, so a restart resends at most what was acknowledged since.
    /// </summary>
    /// <summary>
    /// Deletes acknowledged rows whose retention is over (all acknowledged rows with <paramref name="force"/>), at most
    /// <paramref name="maxChunks"/> whole chunks of them; returns true when that budget ran out before the end.
    /// </summary>
    private bool PurgeAcknowledgedLocked(LiteDatabase db, bool force, int maxChunks)
    {
        var budget = maxChunks;
        foreach (var stream in _streams.Values)
        {
            var through = force ? stream.AckedThrough : PurgeLimitLocked(stream);
            if (through > stream.TrimmedThrough)
            {
                var (count, bytes, reached) = DeleteChunksThroughLocked(db, stream, through, ref budget);
                if (reached == through)
                {
                    RemoveRangeFromDiskLocked(db, stream, long.MinValue, through);
                }

                stream.TrimmedThrough = reached;
                stream.AckMarks.RemoveAll(m => m.Seq <= reached);
                stream.RetainedCount = Math.Max(0, stream.RetainedCount - count);
                stream.RetainedBytes = Math.Max(0, stream.RetainedBytes - bytes);
                if (reached < through)
                {
                    return true;
                }
            }

            if (stream.SavedAcked != stream.AckedThrough)
            {
                SaveStreamLocked(db, stream);
            }
        }

        return false;
    }

    /// <summary>The highest seq whose retention is over: by age (time-slot marks) or by the per-stream item cap.</summary>
    private long PurgeLimitLocked(OutboxStream stream)
    {
        if (_options.RetainAcknowledged <= TimeSpan.Zero)
        {
            return stream.AckedThrough;
        }

        var through = stream.TrimmedThrough;
        var cutoff = (_time.GetUtcNow() - _options.RetainAcknowledged).UtcTicks;
        foreach (var (seq, slot) in stream.AckMarks)
        {
            if ((slot + 1) * SlotLength.Ticks > cutoff)
            {
                break;
            }

            through = Math.Max(through, seq);
        }

        through = Math.Max(through, stream.AckedThrough - _options.RetainAcknowledgedMaxItems);
        return Math.Min(through, stream.AckedThrough);
    }

    /// <summary>Retention is tracked in slots of 1/32 of it (at least a second), so the marks stay few.</summary>
    private TimeSpan SlotLength => TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, _options.RetainAcknowledged.Ticks / 32));

    private long CurrentSlot() => _time.GetUtcNow().UtcTicks / SlotLength.Ticks;

    private void MarkAcknowledgedLocked(OutboxStream stream)
    {
        var slot = CurrentSlot();
        if (stream.AckMarks.Count > 0 && stream.AckMarks[^1].Slot == slot)
        {
            stream.AckMarks[^1] = (Math.Max(stream.AckMarks[^1].Seq, stream.AckedThrough), slot);
        }
        else
        {
            stream.AckMarks.Add((stream.AckedThrough, slot));
        }
    }

    /// <summary>Disk or item limits need room: acknowledged rows go before any pending one.</summary>
    private void DropRetainedLocked()
    {
        var retained = _streams.Values.Sum(s => s.RetainedCount);
        if (_db is null || retained == 0)
        {
            return;
        }

        try
        {
            PurgeAcknowledgedLocked(_db, force: true, int.MaxValue);
            _retainedDropped += retained;
            _logger.LogWarning("Outbox: dropped {Count} retained acknowledged items early to make room ({Total} so far)", retained, _retainedDropped);
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            NoteStorageFailure(ex, "dropping retained rows");
        }
    }

    /// <summary>
    /// Deletes the chunks that hold only rows at or below <paramref name="through"/>, at most <paramref name="budget"/>
    /// of them (counted down), committing every <see cref="PurgeSliceChunks"/> (a transaction holds every page it
    /// touches until it ends; see <see cref="ChunksAfter"/>). Returns the rows and JSON bytes trimmed, and how far:
    /// <paramref name="through"/> when it got there (the chunk the limit cuts included in the counts), else the last
    /// chunk it deleted.
    /// </summary>
    private static (long Count, long Bytes, long Reached) DeleteChunksThroughLocked(LiteDatabase db, OutboxStream stream, long through, ref int budget)
    {
        long count = 0, bytes = 0;
        var deleted = 0;
        var reached = stream.TrimmedThrough;
        var collection = db.GetCollection(stream.Collection);
        db.BeginTrans();
        try
        {
            foreach (var chunk in ChunksAfter(db, stream, stream.TrimmedThrough))
            {
                var id = chunk["_id"].AsInt64;
                if (id <= through && budget <= 0)
                {
                    break;
                }

                var measured = OutboxChunk.MeasureRange(chunk, stream.TrimmedThrough + 1, through);
                count += measured.Count;
                bytes += measured.Bytes;
                if (id > through)
                {
                    reached = through;
                    break;
                }

                collection.Delete(id);
                budget--;
                reached = id;
                if (++deleted % PurgeSliceChunks == 0)
                {
                    db.Commit();
                    db.BeginTrans();
                }
            }

            db.Commit();
        }
        catch
        {
            TryRollbackQuietly(db);
            throw;
        }

        // No chunk past the limit: everything through it is gone.
        if (reached >= through || !ChunksAfter(db, stream, reached).Any())
        {
            reached = through;
        }

        return (count, bytes, reached);
    }

    private static void TryRollbackQuietly(LiteDatabase db)
    {
        try
        {
            db.Rollback();
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            // The fault that brought us here is what gets reported.
        }
    }

    /// <summary>
    /// A stream's chunks above <paramref name="after"/> in sequence order, each fetched by a query of its own. LiteDB
    /// keeps every page a query or transaction touches until it ends, and its page cache never gives memory back: one
    /// query walking the collection would make the process hold as much memory as the file (backlog plus retained
    /// items) for the rest of its life.
    /// </summary>
    /// <remarks>
    /// The bound goes in as a parameter, never into the expression's text: LiteDB compiles every expression text it
    /// sees once and keeps the compiled method in a process-wide cache that is never emptied, so
    /// <c>Query.GT("_id", after)</c> (which writes the number into the text) left a dynamic method of ~2 KB behind
    /// for every chunk ever read — the daemon's heap grew ~3.5 MiB/min while it published (docs/RELIABILITY.md).
    /// </remarks>
    private static IEnumerable<BsonDocument> ChunksAfter(LiteDatabase db, OutboxStream stream, long after)
    {
        var collection = db.GetCollection(stream.Collection);
        while (collection.FindOne(BsonExpression.Create(ChunkAfterExpression, after)) is { } chunk)
        {
            yield return chunk;
            after = chunk["_id"].AsInt64;
        }
    }

    /// <summary>Rows numbered (after, through] on disk: count and JSON bytes.</summary>
    private static (long Count, long Bytes) MeasureDiskLocked(LiteDatabase db, OutboxStream stream, long after, long through)
    {
        long count = 0, bytes = 0;
        foreach (var chunk in ChunksAfter(db, stream, after))
        {
            var measured = OutboxChunk.MeasureRange(chunk, after + 1, through);
            count += measured.Count;
            bytes += measured.Bytes;
            if (chunk["_id"].AsInt64 >= through)
            {
                break;
            }
        }

        return (count, bytes);
    }

    /// <summary>
    /// The next pending rows of a stream: after the send cursor, and while a resend runs, first the resent rows up
    /// to its end, then on after the rows that had stayed acknowledged.
    /// </summary>
    private List<OutboxRow> ReadPendingLocked(OutboxStream stream, int limit)
    {
        if (stream.Replay is not { } replay)
        {
            return ReadRowsLocked(stream, stream.SentThrough, limit);
        }

        if (stream.SentThrough < replay.At)
        {
            var rows = ReadRowsLocked(stream, stream.SentThrough, limit);
            rows.RemoveAll(r => r.Seq > replay.At);
            if (rows.Count > 0)
            {
                return rows;
            }

            // Nothing left of the resent part (shed meanwhile): continue after it.
            stream.SentThrough = replay.To;
            if (stream.InFlight == 0)
            {
                stream.AckedThrough = replay.To;
                stream.Replay = null;
            }
        }

        return ReadRowsLocked(stream, Math.Max(stream.SentThrough, replay.To), limit);
    }

    private bool HasPendingLocked() => _streams.Values.Any(s => s.HasPending);

    private void SignalPendingLocked()
    {
        if (HasPendingLocked())
        {
            var signal = _pendingSignal;
            _pendingSignal = NewSignal();
            signal.TrySetResult();
        }
    }

    private sealed record PendingItem(string Stream, byte[] Json, OutboxPriority Priority);

    private sealed class AppendTick
    {
        public List<PendingItem> Items { get; } = [];

        public TaskCompletionSource Durable { get; } = NewSignal();
    }
}

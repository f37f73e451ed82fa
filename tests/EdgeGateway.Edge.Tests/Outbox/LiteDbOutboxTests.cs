using System.Text;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.Edge.Tests.Outbox;

public sealed class LiteDbOutboxTests : IDisposable
{
    private readonly OutboxFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Sequence_numbers_keep_increasing_across_restarts_even_when_everything_was_delivered()
    {
        using (var outbox = _file.Open())
        {
            await AppendAsync(outbox, "heartbeats", 3);
            Assert.True(outbox.TryTakeNextBatch(100, 1_000_000, out var batch));
            Assert.Equal([1L, 2L, 3L], batch!.Rows.Select(r => r.Seq));
            outbox.Acknowledge(batch);
            Assert.Equal(0, outbox.State.Backlog);
        }

        using (var outbox = _file.Open())
        {
            await AppendAsync(outbox, "heartbeats", 2);
            Assert.True(outbox.TryTakeNextBatch(100, 1_000_000, out var batch));
            Assert.Equal([4L, 5L], batch!.Rows.Select(r => r.Seq));
        }
    }

    [Fact]
    public async Task Unacknowledged_items_survive_a_restart_and_in_flight_returns_to_pending_in_order()
    {
        using (var outbox = _file.Open())
        {
            await AppendAsync(outbox, "nfc", 5);
            Assert.True(outbox.TryTakeNextBatch(2, 1_000_000, out var first));
            Assert.True(outbox.TryTakeNextBatch(2, 1_000_000, out var second));
            outbox.Acknowledge(first!);
            Assert.Equal([3L, 4L], second!.Rows.Select(r => r.Seq));

            outbox.ReturnInFlightToPending();
            outbox.Acknowledge(second); // from the lost connection: ignored
            Assert.True(outbox.TryTakeNextBatch(10, 1_000_000, out var again));
            Assert.Equal([3L, 4L, 5L], again!.Rows.Select(r => r.Seq));
        }

        using (var reopened = _file.Open())
        {
            Assert.Equal(3, reopened.State.Backlog);
            Assert.True(reopened.TryTakeNextBatch(10, 1_000_000, out var batch));
            Assert.Equal([3L, 4L, 5L], batch!.Rows.Select(r => r.Seq));
            Assert.Equal("{\"n\":2}", Encoding.UTF8.GetString(batch.Rows[0].Json));
        }
    }

    [Fact]
    public async Task Higher_priority_streams_go_first_and_batches_respect_item_and_byte_bounds()
    {
        using var outbox = _file.Open();
        await AppendAsync(outbox, "heartbeats", 10);
        await AppendAsync(outbox, "cmd-result", 1, OutboxPriority.Critical);
        await AppendAsync(outbox, "nfc", 1, OutboxPriority.Normal);

        Assert.True(outbox.TryTakeNextBatch(100, 1_000_000, out var first));
        Assert.True(outbox.TryTakeNextBatch(100, 1_000_000, out var second));
        Assert.True(outbox.TryTakeNextBatch(4, 1_000_000, out var third));
        Assert.True(outbox.TryTakeNextBatch(100, 15, out var fourth));
        Assert.Equal("cmd-result", first!.Stream);
        Assert.Equal("nfc", second!.Stream);
        Assert.Equal(4, third!.Rows.Count);
        Assert.Equal(2, fourth!.Rows.Count); // 7 bytes each
        Assert.Equal(7 + 7, fourth.Bytes);
    }

    [Fact]
    public async Task When_full_the_oldest_bulk_items_are_shed_and_counted_but_never_critical_ones()
    {
        using (var outbox = _file.Open(o => o.MaxItems = 1_000))
        {
            await AppendAsync(outbox, "cmd-result", 5, OutboxPriority.Critical);
            await AppendAsync(outbox, "heartbeats", 1_200);

            var state = outbox.State;
            Assert.True(state.Backlog <= 1_000, $"backlog {state.Backlog}");
            Assert.True(state.Shed["heartbeats"] >= 205);
            Assert.False(state.Shed.ContainsKey("cmd-result"));
            Assert.True(outbox.TryTakeNextBatch(100, 1_000_000, out var critical));
            Assert.Equal(5, critical!.Rows.Count);
            Assert.True(outbox.TryTakeNextBatch(1, 1_000_000, out var oldestLeft));
            Assert.Equal(state.Shed["heartbeats"] + 1, oldestLeft!.FirstSeq);
        }

        using var reopened = _file.Open(o => o.MaxItems = 1_000);
        Assert.True(reopened.State.Shed["heartbeats"] >= 205); // counters are persisted for the next birth
    }

    [Fact]
    public async Task Drop_new_policy_refuses_new_bulk_items_without_a_hole_in_the_sequence()
    {
        using var outbox = _file.Open(o => { o.MaxItems = 1_000; o.FullPolicy = OutboxFullPolicy.DropNewBulk; });
        await AppendAsync(outbox, "heartbeats", 1_000);
        await AppendAsync(outbox, "heartbeats", 10);
        await AppendAsync(outbox, "events", 1, OutboxPriority.Normal);

        Assert.Equal(1_001, outbox.State.Backlog);
        Assert.Equal(10, outbox.State.Shed["heartbeats"]);
    }

    [Fact]
    public async Task Bulk_items_older_than_the_age_limit_are_shed()
    {
        using var outbox = _file.Open(o => o.MaxAge = TimeSpan.FromHours(1));
        await AppendAsync(outbox, "heartbeats", 3);
        _file.Clock.Advance(TimeSpan.FromMinutes(61));
        await AppendAsync(outbox, "heartbeats", 2);

        outbox.RunMaintenance();

        Assert.Equal(2, outbox.State.Backlog);
        Assert.Equal(3, outbox.State.Shed["heartbeats"]);
    }

    [Theory]
    [InlineData("heart/beats", "{}", "not a valid stream name")]
    [InlineData("heartbeats", "{", "not one JSON value")]
    [InlineData("heartbeats", "{} {}", "not one JSON value")]
    [InlineData("heartbeats", "", "not one JSON value")]
    public async Task Bad_appends_are_refused_with_a_reason_and_counted(string stream, string json, string reason)
    {
        using var outbox = _file.Open();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            async () => await outbox.AppendAsync(stream, Encoding.UTF8.GetBytes(json), OutboxPriority.Bulk, TestContext.Current.CancellationToken));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, outbox.State.Rejected);
    }

    [Fact]
    public async Task A_corrupt_database_is_moved_aside_and_a_new_one_started_with_an_event()
    {
        await File.WriteAllBytesAsync(_file.Path, Enumerable.Repeat((byte)0x5a, 64 * 1024).ToArray(), TestContext.Current.CancellationToken);

        using var outbox = _file.Open();
        outbox.FlushTick();

        Assert.NotNull(outbox.State.CorruptFileMovedTo);
        Assert.True(File.Exists(outbox.State.CorruptFileMovedTo));
        Assert.True(outbox.TryTakeNextBatch(10, 1_000_000, out var batch));
        Assert.Equal("events", batch!.Stream);
        Assert.Contains("outbox.corrupt-file-moved-aside", Encoding.UTF8.GetString(batch.Rows[0].Json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_corrupt_database_numbering_continues_above_everything_handed_out_before()
    {
        using (var outbox = _file.Open())
        {
            await AppendAsync(outbox, "heartbeats", 3);
            await AppendAsync(outbox, "nfc", 1);
        }

        await File.WriteAllBytesAsync(_file.Path, Enumerable.Repeat((byte)0x5a, 64 * 1024).ToArray(), TestContext.Current.CancellationToken);

        using (var outbox = _file.Open())
        {
            await AppendAsync(outbox, "heartbeats", 1);
            await AppendAsync(outbox, "tags", 1);
            Assert.Equal("above the reserved sequence numbers", outbox.State.NumberingResumed);
            var batches = TakeAll(outbox);
            Assert.Equal(3 + SequenceReservationBlock + 1, batches["heartbeats"].Single());
            Assert.Equal(1L, batches["tags"].Single()); // a stream that never existed starts at 1
            var evt = Encoding.UTF8.GetString(batches.EventJson);
            Assert.Contains("outbox.corrupt-file-moved-aside", evt, StringComparison.Ordinal);
            Assert.Contains($"\"resumedAbove\":\"heartbeats={3 + SequenceReservationBlock},nfc={1 + SequenceReservationBlock}\"", evt, StringComparison.Ordinal);
        }

        // The new database now carries the numbering: a plain restart continues without another jump.
        using (var outbox = _file.Open())
        {
            await AppendAsync(outbox, "heartbeats", 1);
            Assert.Null(outbox.State.NumberingResumed);
            Assert.Equal([3 + SequenceReservationBlock + 1, 3 + SequenceReservationBlock + 2], TakeAll(outbox)["heartbeats"]);
        }
    }

    [Fact]
    public async Task A_deleted_database_does_not_restart_numbering_at_one()
    {
        using (var outbox = _file.Open())
        {
            await AppendAsync(outbox, "heartbeats", 2);
        }

        File.Delete(_file.Path);

        using var reopened = _file.Open();
        await AppendAsync(reopened, "heartbeats", 1);
        var batches = TakeAll(reopened);
        Assert.Equal(2 + SequenceReservationBlock + 1, batches["heartbeats"].Single());
        Assert.Contains("outbox.database-missing", Encoding.UTF8.GetString(batches.EventJson), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_reservation_file_a_lost_database_resumes_numbering_from_the_clock()
    {
        using (var outbox = _file.Open())
        {
            await AppendAsync(outbox, "heartbeats", 2);
        }

        File.Delete(_file.Path + ".seq");
        await File.WriteAllBytesAsync(_file.Path, Enumerable.Repeat((byte)0x5a, 64 * 1024).ToArray(), TestContext.Current.CancellationToken);

        using var reopened = _file.Open();
        await AppendAsync(reopened, "heartbeats", 1);
        Assert.StartsWith("from the clock", reopened.State.NumberingResumed, StringComparison.Ordinal);
        var batches = TakeAll(reopened);
        Assert.Equal(_file.Clock.GetUtcNow().ToUnixTimeMilliseconds(), batches["heartbeats"].Single());
    }

    [Fact]
    public async Task A_damaged_reservation_file_is_rewritten_and_never_stops_appends()
    {
        await File.WriteAllTextAsync(_file.Path + ".seq", "not a reservation file\n", TestContext.Current.CancellationToken);

        using (var outbox = _file.Open())
        {
            await AppendAsync(outbox, "heartbeats", 2);
            Assert.Equal(0, outbox.State.ReservationFailures);
        }

        var lines = await File.ReadAllLinesAsync(_file.Path + ".seq", TestContext.Current.CancellationToken);
        Assert.Equal(["edgegw-outbox-reservations 1", $"heartbeats\t{2 + SequenceReservationBlock}"], lines);
    }

    [Fact]
    public async Task The_reservation_file_is_rewritten_once_per_block_not_per_append()
    {
        using var outbox = _file.Open(o => o.MaxItems = 10_000);
        await AppendAsync(outbox, "heartbeats", 1);
        var written = File.GetLastWriteTimeUtc(_file.Path + ".seq");
        var content = await File.ReadAllTextAsync(_file.Path + ".seq", TestContext.Current.CancellationToken);
        File.SetLastWriteTimeUtc(_file.Path + ".seq", written.AddHours(-1));

        await AppendAsync(outbox, "heartbeats", 50);

        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(_file.Path + ".seq"));
        Assert.Equal(content, await File.ReadAllTextAsync(_file.Path + ".seq", TestContext.Current.CancellationToken));
    }

    private const long SequenceReservationBlock = 100_000;

    private static TakenBatches TakeAll(LiteDbOutbox outbox)
    {
        outbox.FlushTick();
        var taken = new TakenBatches();
        while (outbox.TryTakeNextBatch(1_000, 10_000_000, out var batch))
        {
            if (batch!.Stream == "events")
            {
                taken.EventJson = batch.Rows[0].Json;
                continue;
            }

            taken[batch.Stream] = [.. batch.Rows.Select(r => r.Seq)];
        }

        return taken;
    }

    private sealed class TakenBatches : Dictionary<string, List<long>>
    {
        public byte[] EventJson { get; set; } = [];
    }

    [Fact]
    public async Task A_disk_that_fills_up_mid_run_holds_items_in_memory_and_returns_to_disk_without_losing_one()
    {
        using var disk = SmallFilesystem.Mount(1024 * 1024);
        var path = Path.Combine(disk.Directory, "outbox.db");
        var appended = 0;
        using (var outbox = _file.Open(o => { o.DatabasePath = path; o.MaxItems = 100_000; o.MaxBytes = 100_000_000; }))
        {
            await AppendAsync(outbox, "heartbeats", 20);
            appended += 20;
            Assert.False(outbox.State.MemoryOnly);

            disk.FillLeaving(16 * 1024);
            while (!outbox.State.MemoryOnly && appended < 5_000)
            {
                await AppendAsync(outbox, "heartbeats", 20);
                appended += 20;
            }

            Assert.True(outbox.State.MemoryOnly, "the disk never filled up");
            await AppendAsync(outbox, "heartbeats", 20); // appends keep completing while the disk is full
            appended += 20;

            // Maintenance while the disk is still full must come back (and stay in memory), not hang on LiteDB.
            for (var i = 0; i < 3; i++)
            {
                await Task.Run(outbox.RunMaintenance, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
                Assert.True(outbox.State.MemoryOnly);
                _ = outbox.State.Backlog; // the state lock is free again
            }

            disk.Free();
            outbox.RunMaintenance();
            Assert.False(outbox.State.MemoryOnly, outbox.State.LastStorageError);
            Assert.Equal(appended, outbox.State.Backlog);
        }

        using var reopened = _file.Open(o => { o.DatabasePath = path; o.MaxItems = 100_000; o.MaxBytes = 100_000_000; });
        var seqs = new List<long>();
        while (reopened.TryTakeNextBatch(1_000, 10_000_000, out var batch))
        {
            seqs.AddRange(batch!.Rows.Select(r => r.Seq));
        }

        Assert.Equal(Enumerable.Range(1, appended).Select(i => (long)i), seqs);
    }

    [Fact]
    public async Task An_unwritable_disk_means_memory_only_with_an_alarm_and_a_return_to_disk()
    {
        // The database's directory is a plain file: nothing can be created there (root ignores chmod).
        var blocked = Path.Combine(_file.Directory, "blocked");
        await File.WriteAllTextAsync(blocked, "x", TestContext.Current.CancellationToken);
        using var outbox = _file.Open(o => o.DatabasePath = Path.Combine(blocked, "outbox.db"));

        await AppendAsync(outbox, "nfc", 3, OutboxPriority.Normal);
        Assert.True(outbox.State.MemoryOnly);
        Assert.NotNull(outbox.State.LastStorageError);
        Assert.True(outbox.TryTakeNextBatch(1, 1_000_000, out var first));
        outbox.Acknowledge(first!);

        File.Delete(blocked);
        outbox.RunMaintenance();

        Assert.False(outbox.State.MemoryOnly);
        Assert.Equal(2, outbox.State.Backlog);
        Assert.True(File.Exists(Path.Combine(blocked, "outbox.db")));
        outbox.Dispose();
        using var reopened = _file.Open(o => o.DatabasePath = Path.Combine(blocked, "outbox.db"));
        Assert.True(reopened.TryTakeNextBatch(10, 1_000_000, out var rest));
        Assert.Equal(2, rest!.Rows.Count);
        Assert.Equal(first!.FirstSeq + 1, rest.FirstSeq);
    }

    private static async Task AppendAsync(LiteDbOutbox outbox, string stream, int count, OutboxPriority priority = OutboxPriority.Bulk)
    {
        var appends = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            appends.Add(outbox.AppendAsync(stream, Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"), priority, TestContext.Current.CancellationToken).AsTask());
        }

        outbox.FlushTick();
        await Task.WhenAll(appends);
    }
}

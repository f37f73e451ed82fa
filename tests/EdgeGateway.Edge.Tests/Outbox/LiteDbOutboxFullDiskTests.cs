using System.Text;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Testing.Tools;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Edge.Tests.Outbox;

/// <summary>
/// Found by tests/soak/fault-soak.sh: with the data directory full, every batch the uplink asked for re-read the
/// faulted database and logged the failure with its stack trace (~40 a second), and the failing queries used up
/// LiteDB's transactions. The stream has to wait for the disk either way; it must wait quietly.
/// </summary>
public sealed class LiteDbOutboxFullDiskTests : IDisposable
{
    private readonly OutboxFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_full_disk_is_reported_once_however_often_the_uplink_asks_for_rows()
    {
        using var disk = SmallFilesystem.Mount(1024 * 1024);
        var logger = new CountingLogger<LiteDbOutbox>();
        using var outbox = _file.Open(o => { o.DatabasePath = Path.Combine(disk.Directory, "outbox.db"); o.MaxItems = 100_000; o.MaxBytes = 100_000_000; }, logger);
        var appended = await AppendAsync(outbox, 20);

        disk.FillLeaving(16 * 1024);
        while (!outbox.State.MemoryOnly && appended < 5_000)
        {
            appended += await AppendAsync(outbox, 20);
        }

        Assert.True(outbox.State.MemoryOnly, "the disk never filled up");
        for (var i = 0; i < 300; i++)
        {
            Assert.False(outbox.TryTakeNextBatch(1_000, 10_000_000, out _), "rows on a faulted disk come first; the stream waits");
        }

        var warnings = logger.Entries.Count(e => e.Level >= LogLevel.Warning);
        Assert.InRange(warnings, 1, 3);

        disk.Free();
        outbox.RunMaintenance();
        Assert.False(outbox.State.MemoryOnly, outbox.State.LastStorageError);
        var delivered = 0L;
        while (outbox.TryTakeNextBatch(1_000, 10_000_000, out var batch))
        {
            delivered += batch!.Rows.Count;
            outbox.Acknowledge(batch);
        }

        Assert.Equal(appended, delivered);
    }

    /// <summary>
    /// Found by the 30-minute fault soak: the faulted LiteDB instance the outbox drops on its way back to disk held
    /// transactions LiteDB never closed, and their finalizer aborted the daemon (see LiteDbOpenTransactions and
    /// tests/EdgeGateway.EndToEnd/Outbox/AbandonedTransactionTests, which drives that drop every time). Found while
    /// writing this test: a commit that succeeded followed by a checkpoint that failed kept the rows in memory too, and
    /// once the disk had room again their second insert failed on its duplicate key, so the outbox never left
    /// memory-only mode. Such rows are kept in memory again now (their commit is not durable until the checkpoint
    /// succeeds, see the next test), and the copies are matched by sequence number on the way back.
    /// </summary>
    [Fact]
    public async Task After_a_disk_fault_every_item_is_delivered_and_the_dropped_database_is_safe_to_finalize()
    {
        using var disk = SmallFilesystem.Mount(1024 * 1024);
        var logger = new CountingLogger<LiteDbOutbox>();
        var delivered = new List<long>();
        var outbox = _file.Open(o => { o.DatabasePath = Path.Combine(disk.Directory, "outbox.db"); o.MaxItems = 100_000; o.MaxBytes = 100_000_000; }, logger);
        var appended = await AppendAsync(outbox, 200);

        // The uplink and maintenance run on pool threads, which retire; LiteDB releases a thread's transaction
        // for finalization only once its thread has ended.
        void DeliverOneBatch(bool maintain) => OnThreadOfItsOwn(() =>
        {
            if (outbox.TryTakeNextBatch(50, 10_000_000, out var batch))
            {
                delivered.AddRange(batch!.Rows.Select(r => r.Seq));
                outbox.Acknowledge(batch);
            }

            if (maintain)
            {
                outbox.RunMaintenance();
            }
        });

        disk.FillLeaving(64 * 1024);
        while (!outbox.State.MemoryOnly && appended < 20_000)
        {
            appended += await AppendAsync(outbox, 200);
            DeliverOneBatch(maintain: false);
        }

        Assert.True(outbox.State.MemoryOnly, "the disk never filled up");
        for (var i = 0; i < 5; i++)
        {
            DeliverOneBatch(maintain: true);
        }

        disk.Free();
        OnThreadOfItsOwn(outbox.RunMaintenance);
        Assert.False(outbox.State.MemoryOnly, outbox.State.LastStorageError);

        while (outbox.TryTakeNextBatch(1_000, 10_000_000, out var batch))
        {
            delivered.AddRange(batch!.Rows.Select(r => r.Seq));
            outbox.Acknowledge(batch);
        }

        outbox.Dispose();
        // Acknowledgements taken while the disk was faulted are not on file, so those rows are sent again after the
        // reopen, as after a restart; the bridge drops repeats by sequence number. None may be missing.
        Assert.Equal(appended, delivered.Distinct().Count());

        // A finalizer that throws ends this test process, which fails the run.
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>
    /// Found by the fault soak in CI: a daemon restarted while its data directory was full never answered its page again,
    /// even after the disk was freed. LiteDB's writer died on the first write, and the next checkpoint waited for its
    /// queue for ever, holding the outbox's lock (see <see cref="LiteDbDeadWriter"/>).
    /// </summary>
    [Fact]
    public async Task An_outbox_opened_on_a_full_disk_keeps_answering_and_delivers_everything_once_there_is_room()
    {
        // Whether the writer dies before or during the first checkpoint, and whether the first tick reached the file,
        // varies from run to run; a few rounds cover the cases.
        for (var round = 1; round <= 4; round++)
        {
            await OpenOnAFullDiskThenFreeItAsync(round);
        }
    }

    private async Task OpenOnAFullDiskThenFreeItAsync(int round)
    {
        using var disk = SmallFilesystem.Mount(1024 * 1024);
        var path = Path.Combine(disk.Directory, "outbox.db");
        var delivered = new List<long>();
        using (var first = _file.Open(o => o.DatabasePath = path))
        {
            await AppendAsync(first, 50);
        }

        disk.FillLeaving(0);
        var logger = new CountingLogger<LiteDbOutbox>();
        LiteDbOutbox? outbox = null;
        var appended = 0;
        var work = Task.Run(async () =>
        {
            outbox = _file.Open(o => o.DatabasePath = path, logger);
            for (var tick = 0; tick < 5; tick++)
            {
                appended += await AppendAsync(outbox, 50);
                _ = outbox.NextSession();
                outbox.RunMaintenance();
                _ = outbox.State;
            }
        }, TestContext.Current.CancellationToken);

        var finished = await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(finished == work, $"round {round}: the outbox stopped answering on the full disk (a LiteDB checkpoint waits for ever)");
        await work;
        Assert.True(outbox!.State.MemoryOnly, $"round {round}: the disk was full, yet the outbox reports being on disk");

        disk.Free();
        outbox.RunMaintenance();
        Assert.False(outbox.State.MemoryOnly, outbox.State.LastStorageError);
        while (outbox.TryTakeNextBatch(1_000, 10_000_000, out var batch))
        {
            delivered.AddRange(batch!.Rows.Select(r => r.Seq));
            outbox.Acknowledge(batch);
        }

        outbox.Dispose();
        // The second instance started in memory, so it numbers above the reserved block (see SequenceReservations).
        Assert.True(50 + appended == delivered.Distinct().Count(), $"round {round}: {50 + appended} appended, {delivered.Distinct().Count()} delivered");
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), delivered.Distinct().Order().Take(50));
    }

    private static void OnThreadOfItsOwn(Action action)
    {
        var thread = new Thread(() => action());
        thread.Start();
        thread.Join();
    }

    private static async Task<int> AppendAsync(LiteDbOutbox outbox, int count)
    {
        var appends = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            appends.Add(outbox.AppendAsync("heartbeats", Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"), OutboxPriority.Bulk, TestContext.Current.CancellationToken).AsTask());
        }

        outbox.FlushTick();
        await Task.WhenAll(appends);
        return count;
    }
}

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
    /// tests/EdgeGateway.EndToEnd/Outbox/AbandonedTransactionTests for the abort itself). Found while writing this
    /// test: a commit that succeeded followed by a checkpoint that failed kept the rows in memory too, and once the
    /// disk had room again their second insert failed on its duplicate key, so the outbox never left memory-only mode.
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
        Assert.Contains(logger.Entries, e => e.Message.Contains("open transactions after a storage fault", StringComparison.Ordinal));

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

using System.Runtime.CompilerServices;
using EdgeGateway.Edge.Outbox;
using LiteDB;

namespace EdgeGateway.OutboxDriver;

/// <summary>
/// `abandon-transaction DIR guarded|unguarded`: on a thread of its own, opens a LiteDB file in DIR, leaves a write
/// transaction open and drops the instance without closing it (what a storage fault leaves behind); once that thread
/// has ended it runs the finalizers. Unguarded, LiteDB 5.0.20's transaction finalizer ends the process from the
/// finalizer thread; guarded, <see cref="LiteDbOpenTransactions"/> runs before the drop and the process ends normally.
/// A separate process because the failure it looks for cannot be caught.
/// </summary>
internal static class AbandonedTransaction
{
    public static int Run(string directory, bool guarded, TextWriter output)
    {
        // LiteDB also holds the transaction in a thread-local slot, which lets go of it only when its thread ends
        // (in the daemon: a thread-pool thread retiring after a fault).
        int? disarmed = null;
        var worker = new Thread(() => disarmed = LeaveOpenTransaction(Path.Combine(directory, "abandoned.db"), guarded));
        worker.Start();
        worker.Join();
        output.WriteLine(disarmed is { } count ? $"disarmed {count}" : "not disarmed");

        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        output.WriteLine("finalizers done");
        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int? LeaveOpenTransaction(string path, bool guarded)
    {
        var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        db.BeginTrans();
        db.GetCollection("items").Insert(new BsonDocument { ["_id"] = 1, ["payload"] = new string('x', 3_000) });
        return guarded ? LiteDbOpenTransactions.Disarm(db) : null;
    }
}

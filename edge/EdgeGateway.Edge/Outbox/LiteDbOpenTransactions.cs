using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using LiteDB;
using LiteDB.Engine;

namespace EdgeGateway.Edge.Outbox;

/// <summary>
/// Makes a LiteDB database that is about to be dropped safe to drop: the transactions it still holds open are taken
/// off the finalizer queue.
/// </summary>
/// <remarks>
/// LiteDB 5.0.20 gives every transaction a finalizer that repeats the transaction's cleanup on the finalizer thread,
/// ending with a check that the calling thread owns the transaction, which the finalizer thread never does (LiteDB
/// issues #2561, #2828). An exception there ends the process and cannot be caught. A transaction is left open when an
/// I/O fault strikes while it writes: LiteDB then closes the engine itself, and if discarding that transaction's pages
/// fails (the pages already went to the writer queue) the transaction is neither disposed nor forgotten. Once the
/// outbox opens the file afresh, the old instance becomes garbage and the next collection ran that finalizer: the
/// 30-minute fault soak saw the daemon abort one second after the full disk was freed (docs/RELIABILITY.md).
/// A transaction still registered with the monitor is exactly one whose disposal never completed, so none of them can
/// be in use; the engine is closed, and their memory goes with the rest of the dropped instance.
/// </remarks>
public static class LiteDbOpenTransactions
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;

    // Instances whose transactions could not be reached (a LiteDB without the members used below): kept reachable
    // for the life of the process instead, which costs their page cache but never runs the finalizer.
    private static readonly List<LiteDatabase> Kept = [];

    /// <summary>
    /// Takes the open transactions of <paramref name="db"/> off the finalizer queue. Returns how many were open, or
    /// null when LiteDB's internals were not where expected and the instance is kept alive instead.
    /// </summary>
    public static int? Disarm(LiteDatabase db)
    {
        if (TryFindTransactions(db) is not { } transactions)
        {
            lock (Kept)
            {
                Kept.Add(db);
            }

            return null;
        }

        // The monitor locks this dictionary itself whenever it adds or removes a transaction.
        lock (transactions)
        {
            foreach (var transaction in transactions.Values)
            {
#pragma warning disable CA1816 // on purpose: these objects' own Dispose failed, so it never got to suppress them
                GC.SuppressFinalize(transaction!);
#pragma warning restore CA1816
            }

            return transactions.Count;
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2075",
        Justification = "LiteDB is a TrimmerRootAssembly of the daemon (EdgeGateway.Edge.csproj), so its private members survive trimming and Native AOT.")]
    private static IDictionary? TryFindTransactions(LiteDatabase db)
    {
        if (typeof(LiteDatabase).GetField("_engine", Private)?.GetValue(db) is not LiteEngine engine)
        {
            return null;
        }

        var monitorField = typeof(LiteEngine).GetField("_monitor", Private);
        return monitorField?.GetValue(engine) is { } monitor
            ? monitorField.FieldType.GetField("_transactions", Private)?.GetValue(monitor) as IDictionary
            : null;
    }
}

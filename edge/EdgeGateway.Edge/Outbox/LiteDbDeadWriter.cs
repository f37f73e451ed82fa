using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using LiteDB;
using LiteDB.Engine;

namespace EdgeGateway.Edge.Outbox;

/// <summary>
/// Keeps a checkpoint from waiting for ever on a LiteDB writer that died of an I/O fault.
/// </summary>
/// <remarks>
/// LiteDB 5.0.20 writes committed pages to its log file from a queue on a thread of its own. A checkpoint, whether
/// asked for or the automatic one inside a commit, first waits until that queue reports itself empty, with no
/// timeout and without checking that the engine is still open. When a write fails (ENOSPC), the writer closes the
/// engine and stops without ever reporting the queue empty, so every later checkpoint on that instance blocks its
/// thread for good. The outbox checkpoints under its lock, so one stuck checkpoint froze the whole daemon: no uplink,
/// no page, no /metrics. The fault soak found it with the daemon restarted while its data directory was full; there
/// the first write of the new instance fails, and the writer even blocks itself (it waits for its own task while
/// closing the engine), so it never records the fault either. A closed engine is the one sign that is always there.
/// </remarks>
public static class LiteDbDeadWriter
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;

    private static readonly FieldInfo? EngineField = typeof(LiteDatabase).GetField("_engine", Private);
    private static readonly FieldInfo? StateField = typeof(LiteEngine).GetField("_state", Private);
    private static readonly FieldInfo? DisposedField = FieldOf(StateField, "Disposed", BindingFlags.Public | BindingFlags.Instance);
    private static readonly FieldInfo? DiskField = typeof(LiteEngine).GetField("_disk", Private);
    private static readonly PropertyInfo? QueueProperty = PropertyOf(DiskField, "Queue");

    /// <summary>True when LiteDB closed this instance's engine itself (after a fault) or it was disposed.</summary>
    public static bool IsClosed(LiteDatabase db) =>
        EngineField?.GetValue(db) is LiteEngine engine && StateField?.GetValue(engine) is { } state && DisposedField?.GetValue(state) is true;

    /// <summary>Checkpoints, or throws <see cref="IOException"/> at once when the engine is already closed.</summary>
    public static void Checkpoint(LiteDatabase db)
    {
        if (IsClosed(db))
        {
            throw new IOException("LiteDB closed the database after a failed write; checkpoint skipped");
        }

        db.Checkpoint();
    }

    /// <summary>
    /// When the engine is closed, lets whatever waits on its writer queue go on: it then fails with an exception
    /// (queue not empty, or the file is closed) instead of waiting for ever. Returns true when it released anything.
    /// </summary>
    public static bool ReleaseWaiters(LiteDatabase db)
    {
        if (!IsClosed(db) || FindQueueIsEmpty(db) is not { IsSet: false } queueIsEmpty)
        {
            return false;
        }

        queueIsEmpty.Set();
        return true;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2075",
        Justification = "LiteDB is a TrimmerRootAssembly of the daemon (EdgeGateway.Edge.csproj), so its private members survive trimming and Native AOT; Lazy<T>'s properties are kept by the DynamicDependency.")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(Lazy<>))]
    private static ManualResetEventSlim? FindQueueIsEmpty(LiteDatabase db)
    {
        if (EngineField?.GetValue(db) is not LiteEngine engine || DiskField?.GetValue(engine) is not { } disk || QueueProperty?.GetValue(disk) is not { } lazyQueue)
        {
            return null;
        }

        // Lazy<DiskWriterQueue>: a queue never created has no waiters.
        var lazyType = lazyQueue.GetType();
        if (lazyType.GetProperty("IsValueCreated")?.GetValue(lazyQueue) is not true || lazyType.GetProperty("Value")?.GetValue(lazyQueue) is not { } queue)
        {
            return null;
        }

        return queue.GetType().GetField("_queueIsEmpty", Private)?.GetValue(queue) as ManualResetEventSlim;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "A LiteDB-internal type; see FindQueueIsEmpty.")]
    private static FieldInfo? FieldOf(FieldInfo? owner, string name, BindingFlags flags) => owner?.FieldType.GetField(name, flags);

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "A LiteDB-internal type; see FindQueueIsEmpty.")]
    private static PropertyInfo? PropertyOf(FieldInfo? owner, string name) => owner?.FieldType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
}

namespace EdgeGateway.Edge.Outbox;

/// <summary>Section `Outbox` of the daemon's configuration.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>The LiteDB file. Its directory must be on persistent storage (not tmpfs).</summary>
    public string DatabasePath { get; set; } = "/var/lib/edgegw/outbox.db";

    /// <summary>Pending items across all streams above which the full policy sheds bulk items.</summary>
    public int MaxItems { get; set; } = 1_000_000;

    /// <summary>Stored item bytes (JSON) above which the full policy sheds bulk items.</summary>
    public long MaxBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Bulk items older than this are shed (a week-old heartbeat is of no use to anyone).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long acknowledged items stay on disk after their PUBACK, so the cloud can ask for them again when the
    /// broker acknowledged and then lost them (mosquitto 2.0.11 drops messages for shared subscriptions after a
    /// restart). Not counted as backlog; dropped first when <see cref="MaxBytes"/> or the disk needs room. Zero: delete at once.
    /// </summary>
    public TimeSpan RetainAcknowledged { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>At most this many acknowledged items are retained per stream, however young.</summary>
    public int RetainAcknowledgedMaxItems { get; set; } = 50_000;

    public OutboxFullPolicy FullPolicy { get; set; } = OutboxFullPolicy.DropOldestBulk;

    /// <summary>
    /// How long the writer waits after the first append of a tick for more to arrive, so a burst is one
    /// transaction and one checkpoint. Also the latency an appender sees.
    /// </summary>
    public TimeSpan AppendLinger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Timer checkpoint: folds deletes (PUBACKs) into the data file so the log stays small.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often memory-only mode tries the disk again, and the age limit is enforced.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromSeconds(15);
}

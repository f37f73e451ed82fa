namespace EdgeGateway.Edge.Outbox;

/// <summary>One stored item: its per-stream sequence number, priority, append time and JSON.</summary>
public readonly record struct OutboxRow(long Seq, OutboxPriority Priority, DateTimeOffset AppendedAt, byte[] Json);

namespace EdgeGateway.Edge.Outbox;

/// <summary>Delivery priority; also decides what the full policy may shed (only <see cref="Bulk"/>).</summary>
public enum OutboxPriority
{
    /// <summary>Heartbeats: delivered last, shed first when the outbox is full.</summary>
    Bulk = 0,

    /// <summary>NFC reads, events.</summary>
    Normal = 1,

    /// <summary>Command results and status: delivered first, never shed.</summary>
    Critical = 2,
}

namespace EdgeGateway.Edge.Outbox;

/// <summary>What the outbox sheds when a limit (items, bytes) is reached. Only bulk items are ever shed.</summary>
public enum OutboxFullPolicy
{
    /// <summary>Drop the oldest pending bulk items (the cloud keeps getting the freshest heartbeats).</summary>
    DropOldestBulk = 0,

    /// <summary>Refuse new bulk items (the cloud keeps the oldest history without holes in the middle).</summary>
    DropNewBulk = 1,
}

namespace EdgeGateway.CloudBridge.Config;

/// <summary>
/// Gap repair (section `Repair`): a stream missing items for longer than the grace period makes the bridge ask its
/// gateway to resend them (command `outbox.resend`); items the gateway no longer has are recorded as lost.
/// </summary>
public sealed class RepairOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How long a gap may stay open before the gateway is asked (envelopes of one stream may arrive out of order across instances).</summary>
    public int GraceSeconds { get; set; } = 20;

    /// <summary>Pause between two requests for the same stream, by any bridge instance (enforced in the store).</summary>
    public int RetrySeconds { get; set; } = 60;

    /// <summary>Requests per stream without progress before the bridge gives up (counted; a new gap or progress starts again).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How often the store is scanned for open gaps.</summary>
    public int ScanIntervalMs { get; set; } = 2000;
}

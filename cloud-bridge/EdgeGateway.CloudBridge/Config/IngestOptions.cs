namespace EdgeGateway.CloudBridge.Config;

/// <summary>Limits and batching of the ingest path (section `Ingest`).</summary>
public sealed class IngestOptions
{
    /// <summary>Bigger payloads are rejected before parsing.</summary>
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    public int MaxItemsPerEnvelope { get; set; } = 1000;

    /// <summary>Messages committed in one store transaction at most.</summary>
    public int BatchMaxMessages { get; set; } = 500;

    /// <summary>How long a batch waits for more messages once the first has arrived.</summary>
    public int BatchMaxDelayMs { get; set; } = 5;

    /// <summary>Pause between retries of a batch the store refused (the messages stay unacknowledged meanwhile).</summary>
    public int RetryDelayMs { get; set; } = 500;
}

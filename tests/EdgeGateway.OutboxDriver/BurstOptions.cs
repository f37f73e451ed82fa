namespace EdgeGateway.OutboxDriver;

/// <summary>Section `Burst`: what the driver appends.</summary>
internal sealed class BurstOptions
{
    public const string Section = "Burst";

    public string Stream { get; set; } = "heartbeats";

    /// <summary>First item number; items are {"n":From}..{"n":From+Count-1}.</summary>
    public int From { get; set; }

    public int Count { get; set; }

    /// <summary>Items appended together before waiting for durability.</summary>
    public int Chunk { get; set; } = 100;
}

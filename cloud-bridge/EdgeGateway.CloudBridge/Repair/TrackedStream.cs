namespace EdgeGateway.CloudBridge.Repair;

/// <summary>What this instance knows about one stream that is missing items: since when, and how often it asked.</summary>
internal sealed class TrackedStream(DateTimeOffset since, long missing)
{
    public DateTimeOffset Since { get; } = since;

    public long Missing { get; set; } = missing;

    public int Attempts { get; set; }

    public DateTimeOffset? LastRequest { get; set; }

    public bool GaveUp { get; set; }
}

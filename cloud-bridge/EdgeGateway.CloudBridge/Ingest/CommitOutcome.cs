namespace EdgeGateway.CloudBridge.Ingest;

/// <summary>What the store did with one message of a committed batch.</summary>
public enum CommitOutcome
{
    /// <summary>New, or for an envelope at least one new item: its effect is now in the store.</summary>
    Stored,

    /// <summary>Every item sequence number of the envelope was already stored: a redelivery, nothing changed.</summary>
    Duplicate,

    /// <summary>A status whose session is older than the stored one (a stale will or birth): ignored.</summary>
    Stale,

    /// <summary>Not stored because validation rejected it.</summary>
    Rejected,
}

namespace EdgeGateway.CloudBridge.Store;

/// <summary>How accepting one sequence number changed a stream's gaps (for metrics and logs).</summary>
public enum SequenceChange
{
    None,
    InOrder,
    GapOpened,
    GapNarrowed,
    GapClosed,
}

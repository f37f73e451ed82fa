namespace EdgeGateway.CloudBridge.Ingest;

/// <summary>What the store did with one message of a committed batch, down to the item.</summary>
/// <param name="Outcome">Stored when anything of the message took effect.</param>
/// <param name="Stored">The part of an envelope that was new and is now stored (null for other kinds or a pure duplicate).</param>
/// <param name="DuplicateItems">Items of an envelope whose sequence numbers were already stored, dropped.</param>
public readonly record struct CommitResult(CommitOutcome Outcome, IngestMessage? Stored = null, int DuplicateItems = 0);

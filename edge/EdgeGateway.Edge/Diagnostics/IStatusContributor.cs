namespace EdgeGateway.Edge.Diagnostics;

/// <summary>
/// A part of the gateway that shows its state on the diagnostics page and the /api/status document
/// (radio, nfc, uplink, outbox, ...). Snapshots are plain records, serialised as JSON; they must never
/// contain secrets (keys, passwords, broker credentials).
/// </summary>
public interface IStatusContributor
{
    /// <summary>The key under which the snapshot appears in /api/status.</summary>
    string Name { get; }

    object Snapshot();
}

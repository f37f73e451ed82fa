using System.Text.Json;

namespace EdgeGateway.Edge.Diagnostics;

/// <summary>
/// A part of the gateway that shows its state on the diagnostics page and the /api/status document
/// (radio, nfc, uplink, outbox, ...). Snapshots are plain records, serialised with their source-generated
/// contract (Web.DiagnosticsJsonContext); they must never contain secrets (keys, passwords, broker credentials).
/// </summary>
public interface IStatusContributor
{
    /// <summary>The key under which the snapshot appears in /api/status.</summary>
    string Name { get; }

    /// <summary>Writes the current snapshot as one JSON value.</summary>
    void WriteSnapshot(Utf8JsonWriter writer);
}

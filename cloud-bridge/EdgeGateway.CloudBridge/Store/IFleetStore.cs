using EdgeGateway.CloudBridge.Api;
using EdgeGateway.CloudBridge.Ingest;

namespace EdgeGateway.CloudBridge.Store;

/// <summary>
/// The fleet's state. <see cref="CommitAsync"/> applies a batch of validated messages in ONE transaction:
/// dedup/gap state and the items' effects commit together or not at all, which is what lets the ingest
/// acknowledge to the broker only after the commit and still count every item exactly once.
/// </summary>
public interface IFleetStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. Called once at start, before anything else.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One result per message, in order. Envelopes are deduplicated per item: of the range [seq, seq+items-1] only
    /// the sequence numbers never stored take effect. Throws when nothing was committed (the caller retries the batch).
    /// </summary>
    Task<IReadOnlyList<CommitResult>> CommitAsync(IReadOnlyList<IngestMessage> batch, CancellationToken cancellationToken);

    Task<FleetPage> ListAsync(ResourceSchema resource, ListQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, object?>?> GetAsync(ResourceSchema resource, long id, CancellationToken cancellationToken);

    /// <summary>
    /// Records the desired TX power / interval of one beacon (null leaves a value as it is), bumps its site's
    /// desired version and returns what to publish; null when the beacon does not exist.
    /// </summary>
    Task<DesiredPlan?> SetDesiredAsync(long beaconId, int? txPowerDbm, int? intervalMs, CancellationToken cancellationToken);

    /// <summary>Streams missing items (open gaps, or a tail above the high-water mark), for gap repair.</summary>
    Task<IReadOnlyList<RepairCandidate>> ListRepairCandidatesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims asking the gateway to resend this stream now: true, and recorded, unless any bridge instance asked less than
    /// <paramref name="minInterval"/> ago (several instances share one store, only one of them asks).
    /// </summary>
    Task<bool> TryClaimRepairAsync(string gatewayId, string stream, TimeSpan minInterval, CancellationToken cancellationToken);

    /// <summary>
    /// The gateway no longer has these items: they stop being gaps and are recorded as lost (`lost`, `lost_items`).
    /// Returns how many items were newly recorded (ranges already stored or already lost count nothing).
    /// </summary>
    Task<long> RecordLostAsync(string gatewayId, string stream, IReadOnlyList<(long From, long To)> ranges, CancellationToken cancellationToken);

    /// <summary>True when the store answers a trivial query.</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}

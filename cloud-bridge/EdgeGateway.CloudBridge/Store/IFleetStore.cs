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

    /// <summary>True when the store answers a trivial query.</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}

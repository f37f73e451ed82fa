namespace EdgeGateway.CloudBridge.Actions;

/// <summary>
/// The fleet store's record of NFC actions, keyed by the tap's identity, so that however often a tap is
/// handed to a connector (redelivery, a retried batch, a restart) it issues at most one voucher, coupon or
/// entry link. Both stores implement it in the same database as the fleet.
/// </summary>
public interface INfcActionLedger
{
    /// <summary>
    /// Records the claim if the tap has no record yet (state Pending), counts the attempt and returns the
    /// record as it now stands: Done/Refused means the action already ran; Pending with Attempts above 1 means
    /// an earlier attempt may have reached the platform.
    /// </summary>
    Task<NfcActionRecord> ClaimAsync(NfcActionClaim claim, CancellationToken cancellationToken);

    /// <summary>Sets the final state with what the platform issued (or why it refused).</summary>
    Task CompleteAsync(string tapKey, NfcActionState state, string? result, string? detail, CancellationToken cancellationToken);

    /// <summary>Notes that the answer was published to the gateway as command <paramref name="commandId"/>.</summary>
    Task MarkCommandSentAsync(string tapKey, string commandId, CancellationToken cancellationToken);

    /// <summary>Replaces the footfall figure of (site, platform).</summary>
    Task SetFootfallAsync(SiteFootfall footfall, CancellationToken cancellationToken);
}

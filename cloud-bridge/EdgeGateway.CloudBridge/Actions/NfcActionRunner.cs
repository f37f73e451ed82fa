using EdgeGateway.CloudBridge.Connectors.Common;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Actions;

/// <summary>
/// Runs the NFC rule table for one connector: for every tap of an event whose first matching rule names
/// the connector's action, claim the tap in the ledger, let the platform act (once: a tap already Done or
/// Refused is not sent to the platform again), record the outcome, then answer the gateway with a command
/// and note that it went out. Each step is recorded before the next, so a retry after any failure resumes
/// where it stopped: an outage of the platform or the broker throws and the dispatcher retries the batch.
/// </summary>
public sealed partial class NfcActionRunner(
    NfcActionRules rules, INfcActionLedger ledger, FleetLookup fleet, GatewayCommandSender commands, ILogger<NfcActionRunner> logger)
{
    /// <summary>Whether the connector's queue should hold this event (site is not known yet at enqueue time, so any tap event qualifies).</summary>
    public bool Wants(ConnectorEvent connectorEvent, string action)
    {
        ArgumentNullException.ThrowIfNull(connectorEvent);
        return connectorEvent.Kind == ConnectorEventKind.Taps && connectorEvent.Taps.Count > 0 && rules.Any(action);
    }

    public async Task RunAsync(IReadOnlyList<ConnectorEvent> batch, INfcActionPlatform platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(platform);
        foreach (var connectorEvent in batch.Where(e => Wants(e, platform.Action)))
        {
            var site = await fleet.SiteOfGatewayAsync(connectorEvent.GatewayId, cancellationToken);
            for (var i = 0; i < connectorEvent.Taps.Count; i++)
            {
                var tap = connectorEvent.Taps[i];
                if (rules.Match(site, tap) is not { } rule || rule.Action != platform.Action)
                {
                    continue;
                }

                var uid = NfcActionRules.NormalizeUid(tap.Uid);
                var claim = new NfcActionClaim(connectorEvent.ItemKey(i), rule.Name, rule.Action, connectorEvent.GatewayId, site, uid);
                await RunOneAsync(claim, rule, platform, cancellationToken);
            }
        }
    }

    private async Task RunOneAsync(NfcActionClaim claim, NfcActionRule rule, INfcActionPlatform platform, CancellationToken cancellationToken)
    {
        var record = await ledger.ClaimAsync(claim, cancellationToken);
        DateTimeOffset? expiresAt = null;
        if (record.State == NfcActionState.Pending)
        {
            NfcActionOutcome outcome;
            try
            {
                outcome = await platform.RunAsync(new NfcActionRequest(rule, claim.TapKey, claim.GatewayId, claim.Site, claim.Uid, record.Attempts > 1), cancellationToken);
            }
            catch (PlatformException ex) when (!ex.IsTransient)
            {
                // A 4xx that is not about the shopper's tap (a wrong key, a bad parameter) would fail the same way
                // forever: record it, so it shows on the fleet API, instead of blocking the connector's queue.
                outcome = NfcActionOutcome.Refused(ex.Message);
            }

            await ledger.CompleteAsync(claim.TapKey, outcome.State, outcome.Result, outcome.Detail, cancellationToken);
            record = record with { State = outcome.State, Result = outcome.Result, Detail = outcome.Detail };
            expiresAt = outcome.ExpiresAt;
            LogOutcome(claim.Rule, claim.TapKey, outcome.State, outcome.Result, outcome.Detail);
        }

        if (record is { State: NfcActionState.Done, CommandId: null })
        {
            var id = await commands.SendAsync(record, expiresAt, cancellationToken);
            await ledger.MarkCommandSentAsync(claim.TapKey, id, cancellationToken);
            LogCommandSent(id, claim.GatewayId, claim.TapKey);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "NFC rule {Rule} for tap {TapKey}: {State} {Result} ({Detail})")]
    private partial void LogOutcome(string rule, string tapKey, NfcActionState state, string? result, string? detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent command {RequestId} to gateway {GatewayId} for tap {TapKey}")]
    private partial void LogCommandSent(string requestId, string gatewayId, string tapKey);
}

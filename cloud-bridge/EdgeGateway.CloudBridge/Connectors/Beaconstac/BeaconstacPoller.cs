using System.Globalization;
using EdgeGateway.CloudBridge.Api;
using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.CloudBridge.Desired;
using EdgeGateway.CloudBridge.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Connectors.Beaconstac;

/// <summary>
/// Platform → fleet: every PollIntervalMs, reloads each site's beacons from the platform and turns a
/// tx_power / advertising_interval that differs from both the fleet's desired and reported value into
/// desired config (fleet store, then the retained config/desired of every gateway of the beacon's site,
/// through the same path as PUT /api/v1/beacons/{id}/). A desired value that could not be published (broker
/// away) is published again on the next poll.
/// </summary>
internal sealed partial class BeaconstacPoller(
    BeaconstacCatalog catalog, BeaconstacOptions options, FleetLookup fleet, IFleetStore store, DesiredConfigPublisher publisher,
    ConnectorStatusBoard board, TimeProvider time, ILogger<BeaconstacPoller> logger) : BackgroundService
{
    private readonly HashSet<long> _unpublished = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await PollOnceAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromMilliseconds(options.PollIntervalMs), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>One pass over every site; a platform error ends the pass (the next one retries), a store error too.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var sites = await fleet.AllAsync(FleetResources.Sites, cancellationToken);
            foreach (var site in sites.Select(s => s.GetValueOrDefault("name") as string).OfType<string>().Where(s => s.Length > 0))
            {
                var platform = await catalog.RefreshAsync(site, cancellationToken);
                foreach (var beacon in platform.Beacons)
                {
                    await SyncAsync(beacon, cancellationToken);
                }
            }
        }
        catch (PlatformException ex)
        {
            board.RecordFailure(BeaconstacConnector.ConnectorName, ex.Message);
            LogPollFailed(ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Store outages, bad platform data, or a bug here: the poll is retried next interval; the bridge keeps running.
            board.RecordFailure(BeaconstacConnector.ConnectorName, $"{ex.GetType().Name}: {ex.Message}");
            LogPollFailed(ex.Message);
        }
    }

    private async Task SyncAsync(PlatformBeacon beacon, CancellationToken cancellationToken)
    {
        if (beacon.TxPower is null && beacon.AdvertisingInterval is null)
        {
            return;
        }

        IReadOnlyDictionary<string, object?>? row = null;
        foreach (var id in BeaconIdentity.FleetIds(beacon))
        {
            row = await fleet.BeaconAsync(id, cancellationToken);
            if (row is not null)
            {
                break;
            }
        }

        if (row is null)
        {
            return; // not heard by any gateway yet: nothing to configure
        }

        var rowId = Convert.ToInt64(row["id"], CultureInfo.InvariantCulture);
        var tx = Changed(beacon.TxPower, row, "desired_tx_power", "tx_power", DesiredBeaconChange.MinTxPower, DesiredBeaconChange.MaxTxPower);
        var interval = Changed(beacon.AdvertisingInterval, row, "desired_advertising_interval", "advertising_interval", DesiredBeaconChange.MinIntervalMs, DesiredBeaconChange.MaxIntervalMs);
        if (tx is null && interval is null && !_unpublished.Contains(rowId))
        {
            return;
        }

        var plan = await store.SetDesiredAsync(rowId, tx ?? beacon.TxPower, interval ?? beacon.AdvertisingInterval, cancellationToken);
        if (plan is null || plan.Site.Length == 0)
        {
            return;
        }

        try
        {
            await publisher.PublishAsync(plan, cancellationToken);
            _unpublished.Remove(rowId);
            LogDesired(beacon.Id, (string)row["beacon_id"]!, beacon.TxPower, beacon.AdvertisingInterval, plan.Site, plan.Version);
        }
        catch (InvalidOperationException ex)
        {
            _unpublished.Add(rowId);
            board.RecordFailure(BeaconstacConnector.ConnectorName, $"desired config of site {plan.Site} stored, not published: {ex.Message}");
        }
    }

    /// <summary>
    /// The platform's value when it is new to the fleet — neither the desired value nor what the beacon reports doing
    /// (a rounded value the connector wrote back is not a new wish) — and in range; null otherwise.
    /// </summary>
    private int? Changed(int? platform, IReadOnlyDictionary<string, object?> row, string desiredField, string reportedField, int min, int max)
    {
        if (platform is not { } value)
        {
            return null;
        }

        var desired = row.GetValueOrDefault(desiredField) is { } d ? Convert.ToInt32(d, CultureInfo.InvariantCulture) : (int?)null;
        var reported = row.GetValueOrDefault(reportedField) is { } r ? Convert.ToInt32(r, CultureInfo.InvariantCulture) : (int?)null;
        if (value == desired || value == reported)
        {
            return null;
        }

        if (value < min || value > max)
        {
            board.RecordSkipped(BeaconstacConnector.ConnectorName, "out-of-range");
            board.RecordFailure(BeaconstacConnector.ConnectorName, $"{reportedField} {value} of beacon {row["beacon_id"]} is outside {min}..{max}; not applied");
            return null;
        }

        return value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Beaconstac poll failed, retrying next interval: {Reason}")]
    private partial void LogPollFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Beaconstac beacon {PlatformId} ({BeaconId}): tx_power {TxPower}, advertising_interval {Interval} -> desired config of site {Site} version {Version}")]
    private partial void LogDesired(long platformId, string beaconId, int? txPower, int? interval, string site, long version);
}

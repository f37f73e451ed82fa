using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Api;
using EdgeGateway.CloudBridge.Connectors.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Connectors.WifiVouchers;

/// <summary>
/// The Wi-Fi platform's periodic work: delete the bridge's expired vouchers (code starts with CodePrefix;
/// vouchers made by staff are left alone) and pull today's customer visits per site into the fleet's
/// footfall. A platform outage is recorded on the connector's status and tried again next period.
/// </summary>
public sealed partial class WifiVoucherMaintenance(
    WifiVoucherClient client, WifiVenueDirectory venues, WifiVouchersOptions options, INfcActionLedger ledger, FleetLookup fleet,
    ConnectorStatusBoard board, TimeProvider time, ILogger<WifiVoucherMaintenance> logger) : BackgroundService
{
    public const string Platform = "wifi";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cleanupEvery = TimeSpan.FromSeconds(options.CleanupIntervalSeconds);
        var footfallEvery = TimeSpan.FromSeconds(options.FootfallIntervalSeconds);
        var nextCleanup = time.GetUtcNow();
        var nextFootfall = nextCleanup;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                if (now >= nextCleanup)
                {
                    await GuardAsync(() => DeleteExpiredAsync(stoppingToken));
                    nextCleanup = now + cleanupEvery;
                }

                if (now >= nextFootfall)
                {
                    await GuardAsync(() => PullFootfallAsync(stoppingToken));
                    nextFootfall = now + footfallEvery;
                }

                var wait = (nextCleanup < nextFootfall ? nextCleanup : nextFootfall) - time.GetUtcNow();
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Deletes every expired voucher the bridge created; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = new List<WifiVoucher>();
        await foreach (var voucher in client.VouchersAsync(cancellationToken))
        {
            if (voucher.ExpiresAt is { } at && at <= now && voucher.Code.StartsWith(options.CodePrefix + "-", StringComparison.Ordinal))
            {
                expired.Add(voucher);
            }
        }

        // Collected first: deleting while paging would shift later pages under the follower.
        foreach (var voucher in expired)
        {
            await client.DeleteVoucherAsync(voucher.Id, cancellationToken);
        }

        if (expired.Count > 0)
        {
            LogDeleted(expired.Count);
        }

        return expired.Count;
    }

    /// <summary>Counts today's (UTC) customer visits per site with a venue and stores them as the site's footfall.</summary>
    public async Task PullFootfallAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var sites = (await fleet.AllAsync(FleetResources.Sites, cancellationToken)).Select(s => s["name"] as string).OfType<string>()
            .Concat(options.Venues.Keys).Distinct(StringComparer.Ordinal).ToList();
        var siteOfVenue = new Dictionary<long, string>();
        foreach (var site in sites)
        {
            if (await venues.VenueOfAsync(site, cancellationToken) is { } venue)
            {
                siteOfVenue.TryAdd(venue, site);
            }
        }

        if (siteOfVenue.Count == 0)
        {
            return;
        }

        var visits = siteOfVenue.Keys.ToDictionary(v => v, _ => 0L);
        await foreach (var visit in client.VisitsAsync(today, today, cancellationToken))
        {
            if (visit.TryGetProperty("venue_id", out var v) && v.TryGetInt64(out var venue) && visits.TryGetValue(venue, out var count))
            {
                visits[venue] = count + 1;
            }
        }

        foreach (var (venue, count) in visits)
        {
            await ledger.SetFootfallAsync(new SiteFootfall(siteOfVenue[venue], Platform, venue.ToString(System.Globalization.CultureInfo.InvariantCulture), count, today, today), cancellationToken);
        }
    }

    private async Task GuardAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception ex) when (ex is PlatformException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
        {
            board.RecordFailure(WifiVoucherAction.ConnectorName, ex.Message);
            LogFailed(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wi-Fi platform: deleted {Count} expired bridge vouchers")]
    private partial void LogDeleted(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wi-Fi platform maintenance failed, next period tries again: {Reason}")]
    private partial void LogFailed(string reason);
}

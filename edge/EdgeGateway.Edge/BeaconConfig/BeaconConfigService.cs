using System.Text.Json;
using System.Threading.Channels;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Edge.Uplink;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Edge.BeaconConfig;

/// <summary>
/// Desired → applied → reported for the shop's beacons. The uplink hands over desired configs (<see cref="IDesiredConfigSink"/>);
/// they queue here newest-wins so the MQTT receive loop never waits for radio sessions. A version not above the last one
/// applied (persisted in the data directory, so a retained desired config redelivered after a restart is not re-applied)
/// is ignored and counted. Beacons whose desired values are unchanged since a successful report keep that report; the rest
/// are applied one at a time through <see cref="BeaconConfigurator"/>. The outcome is appended to the outbox as a
/// <see cref="ReportedConfig"/> answering that version (stream <see cref="UplinkStreams.ConfigReported"/>, published retained).
/// </summary>
public sealed class BeaconConfigService(
    BeaconConfigurator configurator,
    OwnAdvertiserApplier ownAdvertiser,
    BeaconConfigStore store,
    IOutbox outbox,
    TimeProvider time,
    ILogger<BeaconConfigService> logger) : BackgroundService, IDesiredConfigSink
{
    private readonly Channel<DesiredConfig> _queue = Channel.CreateBounded<DesiredConfig>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private readonly SemaphoreSlim _stateLock = new(1, 1);
    private readonly Lock _gate = new();
    private BeaconConfigState? _state;
    private DesiredConfig? _applying;
    private long _staleIgnored;
    private long _applied;

    /// <summary>Desired configs ignored because their version was not above the last applied one.</summary>
    public long StaleIgnored => Interlocked.Read(ref _staleIgnored);

    /// <summary>Desired configs applied and reported.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    public BeaconConfigurator Configurator => configurator;

    /// <summary>What was last applied and reported, and what is being applied right now (for the page).</summary>
    public (BeaconConfigState State, DesiredConfig? Applying) Current
    {
        get
        {
            lock (_gate)
            {
                return (_state ?? new BeaconConfigState(), _applying);
            }
        }
    }

    public ValueTask ApplyAsync(DesiredConfig desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (desired.Version <= LastVersion())
        {
            Interlocked.Increment(ref _staleIgnored);
            logger.LogInformation("Desired beacon config version {Version} ignored: version {Applied} is already applied", desired.Version, LastVersion());
            return ValueTask.CompletedTask;
        }

        return _queue.Writer.WriteAsync(desired, cancellationToken);
    }

    /// <summary>A technician's change (page or API): applied now and reported under the current version, so the cloud sees the real state.</summary>
    public async Task<BeaconReported> SetAsync(BeaconDesired change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var result = await configurator.ApplyAsync(change, cancellationToken);
        await _stateLock.WaitAsync(cancellationToken);
        try
        {
            var state = EnsureLoaded();
            var version = state.Desired?.Version ?? 0;
            var reported = new ReportedConfig
            {
                Version = version,
                At = time.GetUtcNow(),
                Beacons = [.. (state.Reported?.Beacons ?? []).Where(b => b.BeaconId != change.BeaconId), result],
            };

            // The cloud's wish for this beacon no longer holds on the beacon: forget it, so the next desired version re-applies it.
            var desired = state.Desired is null ? null : state.Desired with { Beacons = [.. state.Desired.Beacons.Where(b => b.BeaconId != change.BeaconId)] };
            await ReportAsync(new BeaconConfigState { Desired = desired, Reported = reported }, cancellationToken);
        }
        finally
        {
            _stateLock.Release();
        }

        return result;
    }

    public override void Dispose()
    {
        _stateLock.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Runs beside the desired-config loop for the life of the service; it catches and logs its own failures.
        _ = Task.Run(() => KeepOwnAdvertiserOnAirAsync(stoppingToken), CancellationToken.None);
        await foreach (var desired in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (desired.Version <= LastVersion())
            {
                Interlocked.Increment(ref _staleIgnored);
                continue;
            }

            try
            {
                await ApplyDesiredAsync(desired, stoppingToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
            {
                // The state file or the outbox failed: the version is not marked applied, so a redelivery tries again.
                logger.LogError(ex, "Desired beacon config version {Version} could not be recorded: {Message}", desired.Version, ex.Message);
            }
            finally
            {
                lock (_gate)
                {
                    _applying = null;
                }
            }
        }
    }

    private async Task ApplyDesiredAsync(DesiredConfig desired, CancellationToken cancellationToken)
    {
        BeaconConfigState previous;
        await _stateLock.WaitAsync(cancellationToken);
        try
        {
            previous = EnsureLoaded();
        }
        finally
        {
            _stateLock.Release();
        }

        lock (_gate)
        {
            _applying = desired;
        }

        logger.LogInformation("Applying desired beacon config version {Version} ({Count} beacons)", desired.Version, desired.Beacons.Count);
        var results = new List<BeaconReported>();
        foreach (var beacon in desired.Beacons.DistinctBy(b => b.BeaconId))
        {
            var before = previous.Desired?.Beacons.FirstOrDefault(b => b.BeaconId == beacon.BeaconId);
            var reported = previous.Reported?.Beacons.FirstOrDefault(b => b.BeaconId == beacon.BeaconId);
            if (before is not null && before.TxPowerDbm == beacon.TxPowerDbm && before.IntervalMs == beacon.IntervalMs
                && reported?.State is BeaconConfigStates.Applied or BeaconConfigStates.Rounded)
            {
                // Unchanged and known good: no radio session, the earlier outcome still answers.
                results.Add(reported);
                continue;
            }

            results.Add(await configurator.ApplyAsync(beacon, cancellationToken));
        }

        var own = desired.OwnAdvertiser is null ? null
            : SameOwnAdvertiser(previous.Desired?.OwnAdvertiser, desired.OwnAdvertiser)
                && previous.Reported?.OwnAdvertiser?.State is BeaconConfigStates.Applied or BeaconConfigStates.Rounded or "stopped"
                ? previous.Reported.OwnAdvertiser
                : await ownAdvertiser.ApplyAsync(desired.OwnAdvertiser, cancellationToken);
        var report = new ReportedConfig { Version = desired.Version, At = time.GetUtcNow(), Beacons = results, OwnAdvertiser = own };
        await _stateLock.WaitAsync(cancellationToken);
        try
        {
            await ReportAsync(new BeaconConfigState { Desired = desired, Reported = report }, cancellationToken);
        }
        finally
        {
            _stateLock.Release();
        }

        Interlocked.Increment(ref _applied);
        logger.LogInformation("Desired beacon config version {Version} reported: {Applied} applied, {Rounded} rounded, {Failed} failed", desired.Version,
            results.Count(r => r.State == BeaconConfigStates.Applied), results.Count(r => r.State == BeaconConfigStates.Rounded),
            results.Count(r => r.State == BeaconConfigStates.Failed));
    }

    /// <summary>Outbox first (durable once this returns), then the state file: a crash between the two re-applies and reports again, never loses a report.</summary>
    private async Task ReportAsync(BeaconConfigState state, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(state.Reported!, ProtocolJsonContext.Default.ReportedConfig);
        await outbox.AppendAsync(UplinkStreams.ConfigReported, json, OutboxPriority.Critical, cancellationToken);
        store.Save(state);
        lock (_gate)
        {
            _state = state;
        }
    }

    private static bool SameOwnAdvertiser(OwnAdvertiserDesired? a, OwnAdvertiserDesired? b) =>
        a is not null && b is not null
        && JsonSerializer.Serialize(a, ProtocolJsonContext.Default.OwnAdvertiserDesired) == JsonSerializer.Serialize(b, ProtocolJsonContext.Default.OwnAdvertiserDesired);

    /// <summary>After a restart or a reopened radio, puts the persisted own-advertiser section back on air.</summary>
    private async Task KeepOwnAdvertiserOnAirAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (EnsureLoaded().Desired?.OwnAdvertiser is not { } persisted)
                {
                    continue;
                }

                var result = ownAdvertiser.HasDesired
                    ? await ownAdvertiser.ReapplyIfRadioChangedAsync(stoppingToken)
                    : await ownAdvertiser.ApplyAsync(persisted, stoppingToken);
                if (result is { State: BeaconConfigStates.Failed })
                {
                    logger.LogWarning("Own advertiser could not be put back on air: {Reason}: {Detail}", result.Reason, result.Detail);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException)
        {
            logger.LogError(ex, "Own advertiser upkeep stopped: {Message}", ex.Message);
        }
    }

    private BeaconConfigState EnsureLoaded()
    {
        lock (_gate)
        {
            return _state ??= store.Load();
        }
    }

    private long LastVersion() => EnsureLoaded().Desired?.Version ?? long.MinValue;
}

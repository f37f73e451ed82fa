using System.Globalization;
using EdgeGateway.Edge.Scanning;
using EdgeGateway.Edge.Tracking;
using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Ble.Eddystone;
using EdgeGateway.Protocol.Config;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Edge.BeaconConfig;

/// <summary>
/// Applies one beacon's desired TX power and interval: finds its address in the tracker (waiting to hear it), borrows
/// the radio (<see cref="RadioSession.LendAsync{T}"/>), runs an Eddystone configuration session with its lock key, retries
/// what a retry can cure (not in range, link failures, a drop mid-write) with doubling delays, then checks the beacon is
/// heard advertising again. The daemon's service and `edgegw beacon` both go through here.
/// </summary>
public sealed class BeaconConfigurator(
    BeaconTracker tracker,
    Func<RadioSession?> radio,
    BeaconLockKeys keys,
    BeaconConfigOptions options,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>Reason text when no radio is open (absent dongle, transport down).</summary>
    public const string RadioUnavailable = "radio-unavailable";

    /// <summary>Reason text for a beacon id that is not in the heartbeat id format.</summary>
    public const string BadBeaconId = "bad-beacon-id";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly EddystoneConfigClientOptions _client = new() { ConnectTimeout = options.ConnectTimeout, AttTimeout = options.AttTimeout };
    private long _sessions;
    private long _failures;

    public long Sessions => Interlocked.Read(ref _sessions);

    public long Failures => Interlocked.Read(ref _failures);

    public BeaconLockKeys Keys => keys;

    public async Task<BeaconReported> ApplyAsync(BeaconDesired desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var located = await LocateAsync(desired.BeaconId, cancellationToken);
        if (located.Failure is { } failure)
        {
            return failure;
        }

        var sighting = located.Sighting;
        if (desired.TxPowerDbm is null && desired.IntervalMs is null)
        {
            return Report(desired.BeaconId, BeaconConfigStates.Applied, null, null, "nothing to change");
        }

        var lockKey = keys.Find(desired.BeaconId, sighting.Address);
        var outcome = await WithRetriesAsync(desired.BeaconId, (client, ct) =>
            client.WriteAsync(sighting.Address, sighting.AddressType, lockKey, desired.TxPowerDbm, desired.IntervalMs, ct), cancellationToken);
        if (outcome.Failure is { } failed)
        {
            return failed;
        }

        var settings = outcome.Settings!;
        var writtenAt = time.GetUtcNow();
        var verified = await HearAsync(located.Key, writtenAt, cancellationToken) is not null;
        var rounded = (desired.TxPowerDbm is { } tx && tx != settings.TxPowerDbm) || (desired.IntervalMs is { } ms && ms != settings.IntervalMs);
        var detail = rounded
            ? string.Create(CultureInfo.InvariantCulture, $"asked {desired.TxPowerDbm?.ToString(CultureInfo.InvariantCulture) ?? "-"} dBm / {desired.IntervalMs?.ToString(CultureInfo.InvariantCulture) ?? "-"} ms, the beacon uses {settings.TxPowerDbm} dBm / {settings.IntervalMs} ms (supported powers {string.Join(' ', settings.Capabilities.TxPowerLevels)})")
            : null;
        logger.LogInformation("Beacon {BeaconId} configured: TX power {TxPower} dBm, interval {IntervalMs} ms ({State}; heard afterwards: {Verified})",
            desired.BeaconId, settings.TxPowerDbm, settings.IntervalMs, rounded ? "rounded" : "applied", verified);
        return Report(desired.BeaconId, rounded ? BeaconConfigStates.Rounded : BeaconConfigStates.Applied, settings, null, detail) with { Verified = verified };
    }

    /// <summary>Reads a beacon's current settings (unlocking with its key when it is locked and one is configured).</summary>
    public async Task<(EddystoneBeaconSettings? Settings, BeaconReported? Failure)> ReadAsync(string beaconId, CancellationToken cancellationToken)
    {
        var located = await LocateAsync(beaconId, cancellationToken);
        if (located.Failure is { } failure)
        {
            return (null, failure);
        }

        var lockKey = keys.Find(beaconId, located.Sighting.Address);
        return await WithRetriesAsync(beaconId, (client, ct) => client.ReadAsync(located.Sighting.Address, located.Sighting.AddressType, lockKey, ct), cancellationToken);
    }

    private async Task<(BeaconKey Key, BeaconSightingInfo Sighting, BeaconReported? Failure)> LocateAsync(string beaconId, CancellationToken cancellationToken)
    {
        if (!BeaconKey.TryParse(beaconId, out var key))
        {
            return (default, default, Fail(beaconId, BadBeaconId, $"'{beaconId}' is not a beacon id (ibeacon:uuid:major:minor, eddystone:namespace:instance or an address)"));
        }

        if (await HearAsync(key, null, cancellationToken) is not { } sighting)
        {
            return (key, default, Fail(beaconId, EddystoneConfigException.ReasonOf(EddystoneConfigFailure.NotInRange),
                $"not heard within {options.HearTimeout.TotalSeconds:0} s, so its address is unknown"));
        }

        return (key, sighting, null);
    }

    private async Task<(EddystoneBeaconSettings? Settings, BeaconReported? Failure)> WithRetriesAsync(string beaconId,
        Func<EddystoneConfigClient, CancellationToken, Task<EddystoneBeaconSettings>> session, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (radio() is not { Connections: not null } open)
            {
                return (null, Fail(beaconId, RadioUnavailable, "the radio is not open (see the Radio section)"));
            }

            try
            {
                Interlocked.Increment(ref _sessions);
                var settings = await open.LendAsync((connections, ct) => session(new EddystoneConfigClient(connections, _client, time), ct), cancellationToken);
                return (settings, null);
            }
            catch (EddystoneConfigException ex) when (attempt < options.Attempts && Retryable(ex.Failure))
            {
                var delay = options.RetryDelay * Math.Pow(2, attempt - 1);
                logger.LogWarning("Beacon {BeaconId}: attempt {Attempt} of {Attempts} failed ({Reason}: {Message}); retrying in {Delay}",
                    beaconId, attempt, options.Attempts, ex.Reason, ex.Message, delay);
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (EddystoneConfigException ex)
            {
                logger.LogWarning("Beacon {BeaconId}: configuration failed ({Reason}): {Message}", beaconId, ex.Reason, ex.Message);
                var detail = ex.Failure == EddystoneConfigFailure.WrongLockKey && keys.Problem() is { } keyProblem ? $"{ex.Message}; {keyProblem}" : ex.Message;
                return (null, Fail(beaconId, ex.Reason, detail));
            }
            catch (Exception ex) when (ex is Hardware.Hci.HciException or IOException or InvalidOperationException or TimeoutException)
            {
                // The radio went away under the session (transport closed, controller reset): the scanning service reopens it.
                logger.LogWarning("Beacon {BeaconId}: radio failed during the session: {Message}", beaconId, ex.Message);
                return (null, Fail(beaconId, RadioUnavailable, ex.Message));
            }
        }
    }

    private static bool Retryable(EddystoneConfigFailure failure) =>
        failure is EddystoneConfigFailure.NotInRange or EddystoneConfigFailure.ConnectionFailed or EddystoneConfigFailure.Disconnected;

    /// <summary>The beacon's sighting once it has been heard after <paramref name="after"/> (any time when null), or null after the hear timeout.</summary>
    private async Task<BeaconSightingInfo?> HearAsync(BeaconKey key, DateTimeOffset? after, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            if (tracker.TryGetSighting(key, out var sighting) && (after is null || sighting.LastSeen > after))
            {
                return sighting;
            }

            if (time.GetElapsedTime(started) >= options.HearTimeout)
            {
                return null;
            }

            await Task.Delay(Poll, time, cancellationToken);
        }
    }

    private BeaconReported Fail(string beaconId, string reason, string detail)
    {
        Interlocked.Increment(ref _failures);
        return Report(beaconId, BeaconConfigStates.Failed, null, reason, detail);
    }

    private BeaconReported Report(string beaconId, string state, EddystoneBeaconSettings? settings, string? reason, string? detail) => new()
    {
        BeaconId = beaconId,
        State = state,
        TxPowerDbm = settings?.TxPowerDbm,
        IntervalMs = settings?.IntervalMs,
        Reason = reason,
        Detail = detail,
        At = time.GetUtcNow(),
    };
}

using System.Globalization;
using EdgeGateway.Edge.Scanning;
using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Hci;
using EdgeGateway.Hardware.Hci.Advertising;
using EdgeGateway.Protocol.Config;

namespace EdgeGateway.Edge.BeaconConfig;

/// <summary>
/// Puts the desired own-advertiser section on the gateway's radio (<see cref="RadioSession.Advertiser"/>) and says what is
/// really on air: rounded when the controller picked another TX power than asked or the interval moved to 0.625 ms units.
/// A radio that reopens (dongle replugged) comes back without advertising; <see cref="ReapplyIfRadioChangedAsync"/> restores it.
/// </summary>
public sealed class OwnAdvertiserApplier(Func<RadioSession?> radio, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RadioSession? _appliedOn;
    private OwnAdvertiserDesired? _desired;

    /// <summary>Whether a desired section has been given (since this process started).</summary>
    public bool HasDesired => Volatile.Read(ref _desired) is not null;

    public async Task<OwnAdvertiserReported> ApplyAsync(OwnAdvertiserDesired desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _desired = desired;
            return await ApplyLockedAsync(desired, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Re-applies the last desired section when the radio session is a new one; null when nothing was to do.</summary>
    public async Task<OwnAdvertiserReported?> ReapplyIfRadioChangedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = radio();
            return _desired is { } desired && current is not null && !ReferenceEquals(current, _appliedOn)
                ? await ApplyLockedAsync(desired, cancellationToken)
                : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The desired section as advertiser settings, or why it cannot be one.</summary>
    public static (AdvertiserSettings? Settings, string? Problem) ToSettings(OwnAdvertiserDesired desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var frames = new List<AdvertiserFrame>();
        foreach (var (frame, index) in desired.Frames.Select((f, i) => (f, i)))
        {
            var (built, problem) = ToFrame(frame);
            if (built is null)
            {
                return (null, string.Create(CultureInfo.InvariantCulture, $"frame {index} ({frame.Kind}): {problem}"));
            }

            frames.Add(built);
        }

        if (desired.TxPowerDbm is < sbyte.MinValue or > sbyte.MaxValue)
        {
            return (null, $"TX power {desired.TxPowerDbm} dBm is outside -127..20");
        }

        var settings = new AdvertiserSettings
        {
            Frames = frames,
            Interval = TimeSpan.FromMilliseconds(desired.IntervalMs ?? 100),
            TxPowerDbm = desired.TxPowerDbm is { } power ? (sbyte)power : null,
        };
        return settings.Validate() is { } invalid ? (null, invalid) : (settings, null);
    }

    private async Task<OwnAdvertiserReported> ApplyLockedAsync(OwnAdvertiserDesired desired, CancellationToken cancellationToken)
    {
        if (radio() is not { Advertiser: { } advertiser } session)
        {
            return Failed(BeaconConfigurator.RadioUnavailable, "the radio is not open (see the Radio section)");
        }

        try
        {
            if (!desired.Enabled)
            {
                await advertiser.StopAsync(cancellationToken);
                _appliedOn = session;
                return new OwnAdvertiserReported { State = "stopped", At = time.GetUtcNow() };
            }

            var (settings, problem) = ToSettings(desired);
            if (settings is null)
            {
                return Failed("invalid-settings", problem!);
            }

            var state = await advertiser.StartAsync(settings, cancellationToken);
            _appliedOn = session;
            var rounded = (desired.TxPowerDbm is { } asked && state.TxPowerDbm is { } selected && asked != selected)
                || (desired.IntervalMs is { } ms && Math.Abs(state.IntervalMin.TotalMilliseconds - ms) > 0.001);
            return new OwnAdvertiserReported
            {
                State = rounded ? BeaconConfigStates.Rounded : BeaconConfigStates.Applied,
                TxPowerDbm = state.TxPowerDbm,
                IntervalMs = state.IntervalMin.TotalMilliseconds,
                Frames = [.. state.FrameKinds.SelectMany(k => BeaconFrameNames.Of(k))],
                Extended = state.Extended,
                At = time.GetUtcNow(),
            };
        }
        catch (Exception ex) when (ex is AdvertiserException or HciException or TimeoutException or IOException or InvalidOperationException)
        {
            return Failed("controller-refused", ex.Message);
        }
    }

    private OwnAdvertiserReported Failed(string reason, string detail) =>
        new() { State = BeaconConfigStates.Failed, Reason = reason, Detail = detail, At = time.GetUtcNow() };

    private static (AdvertiserFrame? Frame, string? Problem) ToFrame(AdvertiserFrameDesired frame)
    {
        static sbyte Power(int? value, sbyte fallback) => (sbyte)Math.Clamp(value ?? fallback, sbyte.MinValue, sbyte.MaxValue);
        switch (frame.Kind)
        {
            case "ibeacon":
                return frame.Uuid is not { } uuid || frame.Major is not (>= 0 and <= ushort.MaxValue) || frame.Minor is not (>= 0 and <= ushort.MaxValue)
                    ? (null, "an iBeacon frame needs uuid, major and minor (0..65535)")
                    : (new IBeaconAdvertiserFrame(uuid, (ushort)frame.Major, (ushort)frame.Minor, Power(frame.MeasuredPower, -59)), null);
            case "eddystone-uid":
                return frame.Namespace is not { Length: 20 } ns || frame.Instance is not { Length: 12 } instance
                    || !UInt128.TryParse(ns, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var nsValue)
                    || !ulong.TryParse(instance, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var instanceValue)
                    ? (null, "an Eddystone-UID frame needs namespace (20 hex digits) and instance (12 hex digits)")
                    : (new EddystoneUidAdvertiserFrame(nsValue, instanceValue, Power(frame.TxPowerAt0M, -18)), null);
            case "eddystone-url":
                return frame.Url is null ? (null, "an Eddystone-URL frame needs url") : (new EddystoneUrlAdvertiserFrame(frame.Url, Power(frame.TxPowerAt0M, -18)), null);
            case "eddystone-tlm":
                return (new EddystoneTlmAdvertiserFrame(), null);
            default:
                return (null, $"unknown frame kind '{frame.Kind}' (ibeacon, eddystone-uid, eddystone-url, eddystone-tlm)");
        }
    }

    public void Dispose() => _gate.Dispose();
}

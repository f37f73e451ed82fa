using EdgeGateway.Hardware.Ble.Decoders;
using EdgeGateway.Hardware.Ble.Encoders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>
/// The gateway's own radio as a beacon. Owns the advertising state of one controller: configures it with the
/// extended commands where the controller has them (and scanning does not already use the legacy ones, which a
/// controller would refuse to mix) and with the legacy commands otherwise; rotates several frames by replacing the
/// advertising data while enabled (allowed by both command sets), re-encoding TLM from fresh telemetry each time.
/// A new configuration is applied as stop → set → start; <see cref="State"/> always says what is on air.
/// </summary>
public sealed class OwnAdvertiser : IAsyncDisposable
{
    /// <summary>The advertising set the extended commands use.</summary>
    public const byte AdvertisingHandle = 0x00;

    private static readonly Action<ILogger, string, int, string, Exception?> LogRotationFailed =
        LoggerMessage.Define<string, int, string>(LogLevel.Warning, new EventId(20, "AdvertiserRotationFailed"),
            "Own advertiser: could not put frame {Kind} (#{Index}) on air: {Reason}; the previous frame stays on air");

    private static readonly Action<ILogger, bool, double, int, string, Exception?> LogStarted =
        LoggerMessage.Define<bool, double, int, string>(LogLevel.Information, new EventId(21, "AdvertiserStarted"),
            "Own advertiser on air (extended {Extended}, interval {IntervalMs} ms, {FrameCount} frames, TX power {TxPower})");

    private readonly HciHost _host;
    private readonly LeController _controller;
    private readonly IEddystoneTlmSource? _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly long _createdAt;
    private AdvertiserState _state = AdvertiserState.Stopped;
    private AdvertiserSettings? _settings;
    private CancellationTokenSource? _rotationStop;
    private Task? _rotation;
    private long _enabledAt;
    private long _rotationFailures;
    private bool _setExists;

    // Null when advertising is certainly off; else which command set enabled it. Set before the enable command is sent,
    // so a cancelled or timed-out start is still disabled by the next start or stop (parameters are refused while on).
    private bool? _mayBeOn;

    public OwnAdvertiser(HciHost host, LeController controller, IEddystoneTlmSource? telemetry = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(controller);
        _host = host;
        _controller = controller;
        _telemetry = telemetry;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _createdAt = _time.GetTimestamp();
    }

    /// <summary>What is on air now (a snapshot; replaced, never mutated).</summary>
    public AdvertiserState State => Volatile.Read(ref _state);

    /// <summary>The settings last applied successfully; null when stopped.</summary>
    public AdvertiserSettings? Settings => Volatile.Read(ref _settings);

    /// <summary>Frame changes the controller refused or did not answer (the previous frame stayed on air).</summary>
    public long RotationFailures => Interlocked.Read(ref _rotationFailures);

    /// <summary>
    /// Puts <paramref name="settings"/> on air, replacing whatever was advertised (stop → set → start). Invalid settings throw
    /// <see cref="ArgumentException"/> before the radio is touched; a controller refusal throws <see cref="AdvertiserException"/>
    /// and leaves advertising stopped.
    /// </summary>
    public async Task<AdvertiserState> StartAsync(AdvertiserSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        var info = _controller.Info ?? throw new InvalidOperationException("Initialize the controller before advertising.");
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            await StopRotationAsync();
            await DisableAsync(cancellationToken);
            var extended = settings.AllowExtended && info.SupportsExtendedAdvertising
                && (!_controller.Scanning || _controller.UsesExtendedScanning);
            var parameters = settings.ToParameters();
            var first = settings.Frames[0].Encode(Telemetry());
            sbyte? txPower;
            if (extended)
            {
                var requested = settings.TxPowerDbm ?? AdvertisingCommands.NoTxPowerPreference;
                var selected = await SendAsync("LE Set Extended Advertising Parameters",
                    AdvertisingCommands.LeSetExtendedAdvertisingParameters(AdvertisingHandle, parameters, requested), cancellationToken);
                _setExists = true;
                txPower = selected.Length >= 1 ? (sbyte)selected[0] : throw Malformed("LE Set Extended Advertising Parameters");
                await SendAsync("LE Set Extended Advertising Data", AdvertisingCommands.LeSetExtendedAdvertisingData(AdvertisingHandle, first), cancellationToken);
                _mayBeOn = true;
                await SendAsync("LE Set Extended Advertising Enable", AdvertisingCommands.LeSetExtendedAdvertisingEnable(true, AdvertisingHandle), cancellationToken);
            }
            else
            {
                await SendAsync("LE Set Advertising Parameters", AdvertisingCommands.LeSetAdvertisingParameters(parameters), cancellationToken);
                var power = await SendAsync("LE Read Advertising Physical Channel Tx Power", AdvertisingCommands.LeReadAdvertisingPhysicalChannelTxPower(), cancellationToken);
                txPower = power.Length >= 1 ? (sbyte)power[0] : throw Malformed("LE Read Advertising Physical Channel Tx Power");
                await SendAsync("LE Set Advertising Data", AdvertisingCommands.LeSetAdvertisingData(first), cancellationToken);
                _mayBeOn = false;
                await SendAsync("LE Set Advertising Enable", AdvertisingCommands.LeSetAdvertisingEnable(true), cancellationToken);
            }

            _enabledAt = _time.GetTimestamp();
            var state = new AdvertiserState
            {
                Enabled = true,
                Extended = extended,
                FrameKinds = [.. settings.Frames.Select(f => f.Kind)],
                CurrentFrame = 0,
                CurrentData = first,
                IntervalMin = AdvertisingParameters.UnitsToTime(parameters.IntervalMin),
                IntervalMax = AdvertisingParameters.UnitsToTime(parameters.IntervalMax),
                RotationPeriod = settings.RotationPeriod,
                RequestedTxPowerDbm = settings.TxPowerDbm,
                TxPowerDbm = txPower,
                Since = _time.GetUtcNow(),
            };
            Volatile.Write(ref _state, state);
            Volatile.Write(ref _settings, settings);
            LogStarted(_logger, extended, state.IntervalMin.TotalMilliseconds, settings.Frames.Count, txPower?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown", null);
            if (settings.Frames.Count > 1 || settings.Frames[0] is EddystoneTlmAdvertiserFrame)
            {
                // The timer starts now, not when the loop gets a thread: the first rotation is one period after the start.
                _rotationStop = new CancellationTokenSource();
                var stop = _rotationStop.Token;
                var timer = new PeriodicTimer(settings.RotationPeriod, _time);
                _rotation = Task.Run(() => RotateAsync(settings, extended, timer, stop), CancellationToken.None);
            }

            return state;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops advertising and removes the extended advertising set. Does nothing when already stopped.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            await StopRotationAsync();
            await DisableAsync(cancellationToken);
            if (_setExists)
            {
                _setExists = false;
                try
                {
                    await SendAsync("LE Remove Advertising Set", AdvertisingCommands.LeRemoveAdvertisingSet(AdvertisingHandle), cancellationToken);
                }
                catch (AdvertiserException ex) when (ex.Error == AdvertiserError.UnknownAdvertisingSet)
                {
                    // Already gone: the goal of removing it.
                }
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Ends the rotation loop. Does not send commands: the HCI host may already be gone; call <see cref="StopAsync"/> first for a clean stop.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopRotationAsync();
        _lifecycle.Dispose();
    }

    private async Task DisableAsync(CancellationToken cancellationToken)
    {
        // Marked stopped first: if the disable command fails, nobody should believe the old frames are still confirmed on air.
        Volatile.Write(ref _state, AdvertiserState.Stopped);
        Volatile.Write(ref _settings, null);
        if (_mayBeOn is not { } extended)
        {
            return;
        }

        if (extended)
        {
            try
            {
                await SendAsync("LE Set Extended Advertising Enable", AdvertisingCommands.LeSetExtendedAdvertisingEnable(false, AdvertisingHandle), cancellationToken);
            }
            catch (AdvertiserException ex) when (ex.Error == AdvertiserError.UnknownAdvertisingSet)
            {
                // The controller lost the set (reset behind our back): nothing is on air, which is what disabling wanted.
                _setExists = false;
            }
        }
        else
        {
            await SendAsync("LE Set Advertising Enable", AdvertisingCommands.LeSetAdvertisingEnable(false), cancellationToken);
        }

        _mayBeOn = null;
    }

    private async Task StopRotationAsync()
    {
        if (_rotationStop is null)
        {
            return;
        }

        await _rotationStop.CancelAsync();
        try
        {
            await (_rotation ?? Task.CompletedTask);
        }
        catch (OperationCanceledException)
        {
        }

        _rotationStop.Dispose();
        _rotationStop = null;
        _rotation = null;
    }

    private async Task RotateAsync(AdvertiserSettings settings, bool extended, PeriodicTimer timer, CancellationToken cancellationToken)
    {
        using var owned = timer;
        var index = 0;
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var next = (index + 1) % settings.Frames.Count;
            var frame = settings.Frames[next];
            try
            {
                var data = frame.Encode(Telemetry());
                await SendAsync(extended ? "LE Set Extended Advertising Data" : "LE Set Advertising Data",
                    extended ? AdvertisingCommands.LeSetExtendedAdvertisingData(AdvertisingHandle, data) : AdvertisingCommands.LeSetAdvertisingData(data),
                    cancellationToken);
                index = next;
                var state = State;
                Volatile.Write(ref _state, state with { CurrentFrame = index, CurrentData = data, Rotations = state.Rotations + 1 });
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is AdvertiserException or IOException or InvalidOperationException or ArgumentException)
            {
                // The previous frame stays on air; the next tick tries the frame after this one again.
                Interlocked.Increment(ref _rotationFailures);
                LogRotationFailed(_logger, frame.Kind.ToString(), next, ex.Message, ex);
                index = next;
            }
        }
    }

    private EddystoneTlmFrame Telemetry()
    {
        var reading = _telemetry?.Read() ?? default;
        var now = _time.GetTimestamp();
        var uptime = _time.GetElapsedTime(_createdAt, now);
        var state = State;

        // ADV_CNT counts advertising events since the advertiser started: elapsed time over the mean interval (a
        // controller does not report its event count, and the random advDelay adds 5 ms on average).
        var mean = (state.IntervalMin + state.IntervalMax) / 2 + TimeSpan.FromMilliseconds(5);
        var events = state.Enabled && mean > TimeSpan.Zero ? _time.GetElapsedTime(_enabledAt, now) / mean : 0;
        try
        {
            return EddystoneTlmEncoder.ToFrame(reading.BatteryMv, reading.TemperatureC,
                (uint)Math.Min(uint.MaxValue, events), (uint)Math.Min(uint.MaxValue, uptime.TotalSeconds * 10));
        }
        catch (ArgumentOutOfRangeException)
        {
            // A sensor reading the format cannot carry is sent as "not supported" rather than stopping the beacon.
            return EddystoneTlmEncoder.ToFrame(null, null, (uint)Math.Min(uint.MaxValue, events), (uint)Math.Min(uint.MaxValue, uptime.TotalSeconds * 10));
        }
    }

    private async Task<byte[]> SendAsync(string step, HciCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await _host.SendCommandAsync(command, cancellationToken);
        }
        catch (Exception ex) when (ex is HciException or HciCommandTimeoutException)
        {
            throw AdvertiserException.From(step, ex);
        }
    }

    private static AdvertiserException Malformed(string step) =>
        new(AdvertiserError.MalformedResponse, step, new HciException($"{step}: the Command Complete carried no TX power byte"));
}

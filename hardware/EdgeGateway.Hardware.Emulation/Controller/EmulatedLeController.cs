using System.Buffers.Binary;
using EdgeGateway.Hardware.Ble.Decoders;
using EdgeGateway.Hardware.Emulation.Air;
using EdgeGateway.Hardware.Emulation.Controller.Peripherals;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Emulation.Controller;

/// <summary>
/// A byte-level LE controller on the device end of an H4 link. It answers the bring-up and scanning
/// commands as the Core spec says (including Command Disallowed for changing parameters while scanning
/// or mixing legacy and extended scanning commands) and, while scanning, sends advertising reports from
/// its virtual beacons at their advertising intervals with RSSI noise, battery drain and presence cycles.
/// </summary>
public sealed class EmulatedLeController : IDisposable
{
    private const int MaxReportsPerTick = 4096;

    private readonly Stream _link;
    private readonly EmulatedControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly BeaconState[] _beacons;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Random _random;
    private readonly byte[] _batch = new byte[MaxReportsPerTick * 64];
    private readonly EmulatedAdvertiser _advertiser;
    private readonly AirListener? _listener;
    private ApiMode _mode;
    private bool _scanning;
    private bool _activeScan;
    private long _startedAt;

    public EmulatedLeController(Stream deviceEnd, IEnumerable<VirtualBeacon> beacons, EmulatedControllerOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(deviceEnd);
        ArgumentNullException.ThrowIfNull(beacons);
        _link = deviceEnd;
        _options = options ?? new EmulatedControllerOptions();
        _time = timeProvider ?? TimeProvider.System;
        _random = new Random(_options.Seed);
        _beacons = [.. beacons.Select(b => new BeaconState(b, _random.NextDouble(), b.Gatt is null ? null : new VirtualPeripheral(b)))];
        Links = new PeripheralLinks(_beacons.Select(b => b.Peripheral).OfType<VirtualPeripheral>(), WriteAsync);
        _advertiser = new EmulatedAdvertiser(_options);
        _listener = _options.Air is { } air ? new AirListener(air, _advertiser, _time, new Random(_options.Seed + 1)) : null;
    }

    /// <summary>Connections to the virtual beacons that have <see cref="VirtualBeacon.Gatt"/> (fault knobs via <see cref="PeripheralLinks.Find"/>).</summary>
    public PeripheralLinks Links { get; }

    private enum ApiMode
    {
        None,
        Legacy,
        Extended,
    }

    /// <summary>Commands received (any opcode), for tests.</summary>
    public int CommandsReceived { get; private set; }

    public bool Scanning => _scanning;

    /// <summary>Advertising reports sent since start.</summary>
    public long ReportsSent { get; private set; }

    /// <summary>What this controller's own advertising has on air (the legacy set, or the lowest enabled extended set).</summary>
    public AirTransmission Advertising => _advertiser.OnAir;

    /// <summary>Serves the link until it closes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _startedAt = _time.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var air = Task.Run(() => AirLoopAsync(stop.Token), CancellationToken.None);
        var framer = new H4PacketFramer(fromController: false);
        var commands = new List<(H4PacketType Type, byte[] Packet)>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var read = await _link.ReadAsync(framer.GetWriteBuffer(), stop.Token);
                if (read == 0)
                {
                    break;
                }

                framer.Advance(read);
                framer.Drain(
                    (type, packet) =>
                    {
                        if (type is H4PacketType.Command or H4PacketType.AclData)
                        {
                            commands.Add((type, packet.ToArray()));
                        }
                    },
                    static (_, _, _) => { });
                foreach (var (type, packet) in commands)
                {
                    await (type == H4PacketType.AclData ? Links.OnAclAsync(packet, stop.Token) : HandleCommandAsync(packet, stop.Token));
                }

                commands.Clear();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException || (ex is ObjectDisposedException && stop.IsCancellationRequested))
        {
            // The host end went away: a pulled cable, as far as a controller can tell (or a link disposed while stopping).
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await air;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task HandleCommandAsync(byte[] command, CancellationToken cancellationToken)
    {
        CommandsReceived++;
        var opcode = BinaryPrimitives.ReadUInt16LittleEndian(command);
        if (await Links.TryHandleCommandAsync(opcode, command.AsMemory(3, command[2]), _options.CommandCredits, cancellationToken))
        {
            return;
        }

        var parameters = command.AsSpan(3, command[2]);
        var (status, result) = Execute((HciOpcode)opcode, parameters);
        var packet = new byte[7 + result.Length];
        var length = HciEventWriter.CommandComplete(packet, _options.CommandCredits, opcode, status, result);
        await WriteAsync(packet.AsMemory(0, length), cancellationToken);
    }

    private (byte Status, byte[] Result) Execute(HciOpcode opcode, ReadOnlySpan<byte> p)
    {
        const byte ok = (byte)HciStatusCode.Success;
        const byte disallowed = (byte)HciStatusCode.CommandDisallowed;
        const byte invalid = (byte)HciStatusCode.InvalidHciCommandParameters;
        switch (opcode)
        {
            case HciOpcode.Reset:
                _scanning = false;
                _mode = ApiMode.None;
                _advertiser.Reset();
                return (ok, []);
            case HciOpcode.SetEventMask or HciOpcode.LeSetEventMask:
                return p.Length == 8 ? (ok, []) : (invalid, []);
            case HciOpcode.ReadLocalVersionInformation:
                var version = new byte[8];
                version[0] = _options.HciVersion;
                BinaryPrimitives.WriteUInt16LittleEndian(version.AsSpan(1), 0x0100);
                version[3] = _options.HciVersion;
                BinaryPrimitives.WriteUInt16LittleEndian(version.AsSpan(4), _options.Manufacturer);
                BinaryPrimitives.WriteUInt16LittleEndian(version.AsSpan(6), 0x6119);
                return (ok, version);
            case HciOpcode.ReadBdAddr:
                var address = new byte[6];
                _options.Address.Write(address);
                return (ok, address);
            case HciOpcode.ReadBufferSize:
                return (ok, [0xFD, 0x03, 0x40, 0x08, 0x00, 0x00, 0x00]);
            case HciOpcode.LeReadBufferSize:
                return (ok, [(byte)_options.LeAclDataLength, (byte)(_options.LeAclDataLength >> 8), _options.LeAclDataLength == 0 ? (byte)0 : (byte)8]);
            case HciOpcode.LeReadLocalSupportedFeatures:
                var features = new byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(features, 0x1F | (_options.SupportsExtendedAdvertising ? 1UL << 12 : 0));
                return (ok, features);
            case HciOpcode.LeSetScanParameters:
                if (_scanning || _mode == ApiMode.Extended)
                {
                    return (disallowed, []);
                }

                if (p.Length != 7 || p[0] > 1 || !ValidTiming(BinaryPrimitives.ReadUInt16LittleEndian(p[1..]), BinaryPrimitives.ReadUInt16LittleEndian(p[3..])))
                {
                    return (invalid, []);
                }

                _mode = ApiMode.Legacy;
                _activeScan = p[0] == 1;
                return (ok, []);
            case HciOpcode.LeSetScanEnable:
                if (_mode == ApiMode.Extended)
                {
                    return (disallowed, []);
                }

                if (p.Length != 2 || p[0] > 1)
                {
                    return (invalid, []);
                }

                _mode = ApiMode.Legacy;
                SetScanning(p[0] == 1);
                return (ok, []);
            case HciOpcode.LeSetExtendedScanParameters:
                if (!_options.SupportsExtendedAdvertising)
                {
                    return ((byte)HciStatusCode.UnknownHciCommand, []);
                }

                if (_scanning || _mode == ApiMode.Legacy)
                {
                    return (disallowed, []);
                }

                if (p.Length != 8 || p[2] != 0x01 || !ValidTiming(BinaryPrimitives.ReadUInt16LittleEndian(p[4..]), BinaryPrimitives.ReadUInt16LittleEndian(p[6..])))
                {
                    return (invalid, []);
                }

                _mode = ApiMode.Extended;
                _activeScan = p[3] == 1;
                return (ok, []);
            case HciOpcode.LeSetExtendedScanEnable:
                if (!_options.SupportsExtendedAdvertising)
                {
                    return ((byte)HciStatusCode.UnknownHciCommand, []);
                }

                if (_mode == ApiMode.Legacy)
                {
                    return (disallowed, []);
                }

                if (p.Length != 6 || p[0] > 1)
                {
                    return (invalid, []);
                }

                _mode = ApiMode.Extended;
                SetScanning(p[0] == 1);
                return (ok, []);
            default:
                if (_advertiser.TryExecute(opcode, p, _mode == ApiMode.None ? null : _mode == ApiMode.Extended, out var advertising))
                {
                    _mode = advertising.Extended switch { true => ApiMode.Extended, false => ApiMode.Legacy, null => _mode };
                    return (advertising.Status, advertising.Result);
                }

                return ((byte)HciStatusCode.UnknownHciCommand, []);
        }
    }

    private void SetScanning(bool enable)
    {
        if (enable && !_scanning)
        {
            var now = _time.GetTimestamp();
            foreach (var beacon in _beacons)
            {
                // Beacons are not in phase with the scanner: first advertisement somewhere within one interval.
                beacon.NextAt = now + (long)(beacon.Beacon.AdvertisingInterval.TotalSeconds * _random.NextDouble() * _time.TimestampFrequency);
            }
        }

        _scanning = enable;
    }

    private static bool ValidTiming(ushort interval, ushort window) =>
        interval is >= 0x0004 and <= 0x4000 && window is >= 0x0004 and <= 0x4000 && window <= interval;

    private async Task AirLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.Tick, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (!_scanning)
            {
                continue;
            }

            var length = FillDueReports(_time.GetTimestamp());
            if (length > 0)
            {
                await WriteAsync(_batch.AsMemory(0, length), cancellationToken);
            }
        }
    }

    private int FillDueReports(long now)
    {
        var length = 0;
        var reports = 0;
        var frequency = _time.TimestampFrequency;
        var hours = _time.GetElapsedTime(_startedAt, now).TotalHours;
        Span<byte> data = stackalloc byte[31];
        foreach (var state in _beacons)
        {
            if (state.NextAt > now)
            {
                // Most beacons are not due on most ticks; at 2,000 beacons this early exit is most of the emulator's CPU.
                continue;
            }

            var beacon = state.Beacon;
            var interval = (long)(state.Interval.TotalSeconds * frequency);
            if (now - state.NextAt > 10 * frequency)
            {
                // Far behind (a paused process): skip the backlog rather than flood the host with stale reports.
                state.NextAt = now;
            }

            while (state.NextAt <= now && reports < MaxReportsPerTick)
            {
                var at = state.NextAt;
                state.NextAt += interval + (long)(_random.NextDouble() * 0.010 * frequency);
                if (!Present(state, _time.GetElapsedTime(_startedAt, at)) || state.Peripheral is { InRange: false })
                {
                    continue;
                }

                var dataLength = WriteFrame(data, state, hours);
                var rssi = (sbyte)Math.Clamp(Math.Round(beacon.MeanRssi + state.PowerDelta + (Gaussian() * beacon.RssiNoiseDb)), -127, 20);
                var packet = _batch.AsSpan(length);
                length += _mode == ApiMode.Extended
                    ? HciEventWriter.LeExtendedAdvertisingReport(packet, state.Peripheral is null ? (ushort)0x0010 : (ushort)0x0013, beacon.AddressType, beacon.Address, AdvertisingReport.NotAvailable, rssi, data[..dataLength])
                    : HciEventWriter.LeAdvertisingReport(packet, state.Peripheral is null ? (byte)3 : (byte)0, beacon.AddressType, beacon.Address, data[..dataLength], rssi);
                reports++;
                state.Sent++;
            }
        }

        if (_listener is not null)
        {
            length += _listener.Fill(_batch.AsSpan(length), now, _mode == ApiMode.Extended, ref reports, MaxReportsPerTick);
        }

        ReportsSent += reports;
        return length;
    }

    private static int WriteFrame(Span<byte> data, BeaconState state, double hours)
    {
        var beacon = state.Beacon;
        var battery = (int)Math.Max(0, beacon.BatteryMv - (beacon.BatteryDrainMvPerHour * hours));
        var measured = (sbyte)Math.Clamp(beacon.MeasuredPower + state.PowerDelta, -127, 20);
        var zeroMeter = (sbyte)Math.Clamp(measured + 41, -100, 20);
        var uptime = (uint)Math.Min(uint.MaxValue, hours * 36_000);
        switch (beacon.Kind)
        {
            case VirtualBeaconKind.IBeacon:
                return AdvertisingDataWriter.IBeacon(data, beacon.Uuid, beacon.Major, beacon.Minor, measured);
            case VirtualBeaconKind.AltBeacon:
                return AdvertisingDataWriter.AltBeacon(data, 0x0118, beacon.Uuid, beacon.Major, beacon.Minor, measured);
            case VirtualBeaconKind.Eddystone:
                // Real Eddystone beacons interleave: mostly UID, a URL now and then, TLM every tenth frame.
                var slot = state.Sent % 10;
                if (slot == 9)
                {
                    return AdvertisingDataWriter.EddystoneTlm(data, battery, beacon.TemperatureC, (uint)state.Sent, uptime);
                }

                if (slot == 4 && beacon.Url is not null && EddystoneUrlFrame.FromUrl(beacon.Url, zeroMeter) is { } url)
                {
                    return AdvertisingDataWriter.EddystoneUrl(data, url);
                }

                return AdvertisingDataWriter.EddystoneUid(data, zeroMeter, beacon.Namespace, beacon.Instance);
            case VirtualBeaconKind.EddystoneEid:
                return state.Sent % 10 == 9
                    ? AdvertisingDataWriter.EddystoneTlm(data, battery, beacon.TemperatureC, (uint)state.Sent, uptime)
                    : AdvertisingDataWriter.EddystoneEid(data, zeroMeter, beacon.Instance ^ (ulong)(hours * 3600 / 512));
            default:
                return AdvertisingDataWriter.RuuviRawV2(data, beacon.TemperatureC + (0.2 * Math.Sin(hours * 6)), beacon.HumidityPct, beacon.PressurePa,
                    (0.0, 0.0, 1.0), battery, 4, 0, (ushort)(state.Sent % 65535), beacon.Address.Value);
        }
    }

    private static bool Present(BeaconState state, TimeSpan sinceStart)
    {
        if (state.Beacon.PresentFor is not { } present || state.Beacon.AbsentFor is not { } absent)
        {
            return true;
        }

        var cycle = (present + absent).TotalSeconds;
        var position = ((sinceStart.TotalSeconds + (state.Phase * cycle)) % cycle + cycle) % cycle;
        return position < present.TotalSeconds;
    }

    private double Gaussian() => GaussianNoise.Next(_random);

    public void Dispose()
    {
        _advertiser.Dispose();
        _writeLock.Dispose();
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _link.WriteAsync(bytes, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private sealed class BeaconState(VirtualBeacon beacon, double phase, VirtualPeripheral? peripheral)
    {
        public VirtualBeacon Beacon { get; } = beacon;

        /// <summary>The connectable side, whose settings (changed over GATT) override the configured interval and power.</summary>
        public VirtualPeripheral? Peripheral { get; } = peripheral;

        public TimeSpan Interval => Peripheral is { } p ? TimeSpan.FromMilliseconds(p.IntervalMs) : Beacon.AdvertisingInterval;

        public int PowerDelta => Peripheral?.TxPowerDelta ?? 0;

        public double Phase { get; } = phase;

        public long NextAt { get; set; }

        public long Sent { get; set; }
    }
}

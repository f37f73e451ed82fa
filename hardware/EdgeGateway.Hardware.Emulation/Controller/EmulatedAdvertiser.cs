using System.Buffers.Binary;
using EdgeGateway.Hardware.Emulation.Air;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Emulation.Controller;

/// <summary>
/// The advertising half of the emulated controller: answers the legacy (Core spec Vol 4, Part E, 7.8.5-7.8.9) and
/// extended (7.8.53-7.8.56, 7.8.59) advertising commands with a real controller's validation and puts what is enabled
/// on the shared air. Only legacy PDUs are supported through the extended commands (what beacons use); extended PDU
/// properties are answered 0x11 Unsupported. Only the public address is supported (no LE Set Random Address), so
/// enabling with another own address type is refused 0x12, as a controller without a random address does.
/// </summary>
internal sealed class EmulatedAdvertiser : IDisposable
{
    private const byte Ok = (byte)HciStatusCode.Success;
    private const byte Disallowed = (byte)HciStatusCode.CommandDisallowed;
    private const byte Invalid = (byte)HciStatusCode.InvalidHciCommandParameters;
    private const byte Unsupported = (byte)HciStatusCode.UnsupportedFeatureOrParameterValue;
    private const byte UnknownSet = (byte)HciStatusCode.UnknownAdvertisingIdentifier;
    private const byte NoMemory = (byte)HciStatusCode.MemoryCapacityExceeded;
    private const int LegacySet = -1;

    private readonly EmulatedControllerOptions _options;
    private readonly EmulatedAir? _air;
    private readonly Dictionary<int, AdvertisingSet> _sets = [];
    private AirTransmission _onAir = AirTransmission.Silent;

    public EmulatedAdvertiser(EmulatedControllerOptions options)
    {
        _options = options;
        _air = options.Air;
    }

    /// <summary>What the legacy set, or else the lowest-numbered enabled extended set, has on air (readable from any thread).</summary>
    public AirTransmission OnAir => Volatile.Read(ref _onAir);

    /// <summary>Handles an advertising command; false when <paramref name="opcode"/> is not one. <paramref name="extendedInUse"/> is null before any legacy/extended command.</summary>
    public bool TryExecute(HciOpcode opcode, ReadOnlySpan<byte> p, bool? extendedInUse, out AdvertisingCommandOutcome outcome)
    {
        bool? extended = opcode switch
        {
            HciOpcode.LeSetAdvertisingParameters or HciOpcode.LeReadAdvertisingPhysicalChannelTxPower or HciOpcode.LeSetAdvertisingData
                or HciOpcode.LeSetAdvertisingEnable => false,
            HciOpcode.LeSetExtendedAdvertisingParameters or HciOpcode.LeSetExtendedAdvertisingData or HciOpcode.LeSetExtendedAdvertisingEnable
                or HciOpcode.LeRemoveAdvertisingSet => true,
            _ => null,
        };
        if (extended is not { } isExtended)
        {
            outcome = default;
            return false;
        }

        if (isExtended && !_options.SupportsExtendedAdvertising)
        {
            outcome = new AdvertisingCommandOutcome((byte)HciStatusCode.UnknownHciCommand, [], null);
            return true;
        }

        if (extendedInUse is { } inUse && inUse != isExtended)
        {
            // Core spec Vol 4, Part E, 3.1.1: once one command set is used, the other is refused until Reset.
            outcome = new AdvertisingCommandOutcome(Disallowed, [], null);
            return true;
        }

        var (status, result) = opcode switch
        {
            HciOpcode.LeSetAdvertisingParameters => SetParameters(p),
            HciOpcode.LeReadAdvertisingPhysicalChannelTxPower => p.Length == 0 ? (Ok, [(byte)_options.AdvertisingChannelTxPowerDbm]) : (Invalid, []),
            HciOpcode.LeSetAdvertisingData => SetData(p),
            HciOpcode.LeSetAdvertisingEnable => SetEnable(p),
            HciOpcode.LeSetExtendedAdvertisingParameters => SetExtendedParameters(p),
            HciOpcode.LeSetExtendedAdvertisingData => SetExtendedData(p),
            HciOpcode.LeSetExtendedAdvertisingEnable => SetExtendedEnable(p),
            _ => Remove(p),
        };
        outcome = new AdvertisingCommandOutcome(status, result, status == Ok ? isExtended : null);
        return true;
    }

    /// <summary>HCI Reset: advertising off, every set gone.</summary>
    public void Reset()
    {
        foreach (var set in _sets.Values)
        {
            Leave(set);
        }

        _sets.Clear();
        RefreshOnAir();
    }

    public void Dispose() => Reset();

    /// <summary>
    /// The TX power the emulated radio selects for a request: the highest supported step not above it (the spec says the
    /// controller shall not exceed the host's value), the lowest step when the request is below every step (the radio
    /// cannot go quieter), and the advertising channel default for 0x7F "no preference".
    /// </summary>
    public static sbyte SelectTxPower(sbyte requested, EmulatedControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (requested == 0x7F)
        {
            return options.AdvertisingChannelTxPowerDbm;
        }

        if (requested <= options.MinTxPowerDbm)
        {
            return options.MinTxPowerDbm;
        }

        var steps = (Math.Min(requested, options.MaxTxPowerDbm) - options.MinTxPowerDbm) / options.TxPowerStepDb;
        return (sbyte)(options.MinTxPowerDbm + (steps * options.TxPowerStepDb));
    }

    private (byte, byte[]) SetParameters(ReadOnlySpan<byte> p)
    {
        var set = Set(LegacySet);
        if (set.Enabled)
        {
            return (Disallowed, []);
        }

        if (p.Length != 15)
        {
            return (Invalid, []);
        }

        var min = BinaryPrimitives.ReadUInt16LittleEndian(p);
        var max = BinaryPrimitives.ReadUInt16LittleEndian(p[2..]);
        var type = p[4];
        var highDutyDirected = type == 1;
        if (type > 4 || p[5] > 3 || p[6] > 1 || p[13] is 0 or > 7 || p[14] > 3
            || (!highDutyDirected && (min is < 0x0020 or > 0x4000 || max is < 0x0020 or > 0x4000 || min > max)))
        {
            return (Invalid, []);
        }

        set.IntervalMin = min;
        set.IntervalMax = max;
        set.LegacyType = type;
        set.OwnAddressType = p[5];
        set.TxPower = _options.AdvertisingChannelTxPowerDbm;
        return (Ok, []);
    }

    private (byte, byte[]) SetData(ReadOnlySpan<byte> p)
    {
        if (p.Length != 32 || p[0] > 31)
        {
            return (Invalid, []);
        }

        // Allowed while enabled: the controller uses the new data from the next advertising event (7.8.7).
        var set = Set(LegacySet);
        set.Data = p.Slice(1, p[0]).ToArray();
        Publish(set);
        return (Ok, []);
    }

    private (byte, byte[]) SetEnable(ReadOnlySpan<byte> p)
    {
        if (p.Length != 1 || p[0] > 1)
        {
            return (Invalid, []);
        }

        var set = Set(LegacySet);
        if (p[0] == 1 && set.OwnAddressType != 0)
        {
            return (Invalid, []);
        }

        set.Enabled = p[0] == 1;
        Publish(set);
        return (Ok, []);
    }

    private (byte, byte[]) SetExtendedParameters(ReadOnlySpan<byte> p)
    {
        if (p.Length != 25 || p[0] > 0xEF)
        {
            return (Invalid, []);
        }

        var handle = p[0];
        var properties = BinaryPrimitives.ReadUInt16LittleEndian(p[1..]);
        var min = p[3] | (p[4] << 8) | (p[5] << 16);
        var max = p[6] | (p[7] << 8) | (p[8] << 16);
        var txPower = (sbyte)p[19];
        if ((properties & 0x0010) == 0)
        {
            return (Unsupported, []);
        }

        if (LegacyType(properties) is not { } legacyType)
        {
            return (Invalid, []);
        }

        if (_sets.TryGetValue(handle, out var existing) && existing.Enabled)
        {
            return (Disallowed, []);
        }

        if (min < 0x20 || max < min || p[9] is 0 or > 7 || p[10] > 3 || p[11] > 1 || p[18] > 3
            || (txPower is < -127 or > 20 && txPower != 0x7F) || p[20] != 0x01)
        {
            return (Invalid, []);
        }

        if (max > 0x4000)
        {
            // 7.8.53: an interval range outside what the controller supports is 0x11, not 0x12.
            return (Unsupported, []);
        }

        if (existing is null && _sets.Count(s => s.Key != LegacySet) >= _options.AdvertisingSets)
        {
            return (NoMemory, []);
        }

        var set = Set(handle);
        set.IntervalMin = (ushort)min;
        set.IntervalMax = (ushort)max;
        set.LegacyType = legacyType;
        set.OwnAddressType = p[10];
        set.TxPower = SelectTxPower(txPower, _options);
        return (Ok, [(byte)set.TxPower]);
    }

    private (byte, byte[]) SetExtendedData(ReadOnlySpan<byte> p)
    {
        if (p.Length < 4 || p.Length != 4 + p[3])
        {
            return (Invalid, []);
        }

        if (!_sets.TryGetValue(p[0], out var set))
        {
            return (UnknownSet, []);
        }

        var operation = p[1];
        if (operation > 4 || p[2] > 1)
        {
            return (Invalid, []);
        }

        if (set.Enabled && operation is not (3 or 4))
        {
            return (Disallowed, []);
        }

        // Legacy PDUs carry one complete piece of at most 31 bytes (7.8.54).
        if (operation != 3 || p[3] > 31)
        {
            return (Invalid, []);
        }

        set.Data = p[4..].ToArray();
        Publish(set);
        return (Ok, []);
    }

    private (byte, byte[]) SetExtendedEnable(ReadOnlySpan<byte> p)
    {
        if (p.Length < 2 || p[0] > 1 || p.Length != 2 + (4 * p[1]))
        {
            return (Invalid, []);
        }

        var enable = p[0] == 1;
        if (p[1] == 0)
        {
            if (enable)
            {
                return (Invalid, []);
            }

            foreach (var all in _sets.Values.Where(s => s.Handle != LegacySet))
            {
                all.Enabled = false;
                Publish(all);
            }

            return (Ok, []);
        }

        var named = new List<AdvertisingSet>();
        for (var i = 0; i < p[1]; i++)
        {
            var handle = p[2 + (4 * i)];
            if (!_sets.TryGetValue(handle, out var set))
            {
                return (UnknownSet, []);
            }

            if (named.Contains(set) || (enable && set.OwnAddressType != 0))
            {
                return (Invalid, []);
            }

            named.Add(set);
        }

        foreach (var set in named)
        {
            set.Enabled = enable;
            Publish(set);
        }

        return (Ok, []);
    }

    private (byte, byte[]) Remove(ReadOnlySpan<byte> p)
    {
        if (p.Length != 1)
        {
            return (Invalid, []);
        }

        if (!_sets.TryGetValue(p[0], out var set))
        {
            return (UnknownSet, []);
        }

        if (set.Enabled)
        {
            return (Disallowed, []);
        }

        Leave(set);
        _sets.Remove(p[0]);
        return (Ok, []);
    }

    private static byte? LegacyType(ushort properties) => properties switch
    {
        0x0013 => 0,
        0x001D => 1,
        0x0012 => 2,
        0x0010 => 3,
        0x0015 => 4,
        _ => null,
    };

    private AdvertisingSet Set(int handle)
    {
        if (!_sets.TryGetValue(handle, out var set))
        {
            var transmitter = _air?.Join(this) ?? new AirTransmitter(this);
            set = new AdvertisingSet(handle, transmitter) { TxPower = _options.AdvertisingChannelTxPowerDbm };
            _sets[handle] = set;
        }

        return set;
    }

    private void Publish(AdvertisingSet set)
    {
        set.Transmitter.Current = new AirTransmission
        {
            Enabled = set.Enabled,
            Address = _options.Address,
            AddressType = set.OwnAddressType,
            LegacyType = set.LegacyType,
            Data = set.Data,
            IntervalMin = Hardware.Hci.Advertising.AdvertisingParameters.UnitsToTime(set.IntervalMin),
            IntervalMax = Hardware.Hci.Advertising.AdvertisingParameters.UnitsToTime(set.IntervalMax),
            TxPowerDbm = set.TxPower,
        };
        RefreshOnAir();
    }

    private void RefreshOnAir() =>
        Volatile.Write(ref _onAir, _sets.OrderBy(s => s.Key).Select(s => s.Value.Transmitter.Current).FirstOrDefault(t => t.Enabled) ?? AirTransmission.Silent);

    private void Leave(AdvertisingSet set)
    {
        set.Transmitter.Current = AirTransmission.Silent;
        _air?.Leave(set.Transmitter);
        RefreshOnAir();
    }

    private sealed class AdvertisingSet(int handle, AirTransmitter transmitter)
    {
        public int Handle { get; } = handle;

        public AirTransmitter Transmitter { get; } = transmitter;

        public bool Enabled { get; set; }

        /// <summary>Spec defaults after reset: 1.28 s, ADV_IND, public address, no data.</summary>
        public ushort IntervalMin { get; set; } = 0x0800;

        public ushort IntervalMax { get; set; } = 0x0800;

        public byte LegacyType { get; set; }

        public byte OwnAddressType { get; set; }

        public sbyte TxPower { get; set; }

        public byte[] Data { get; set; } = [];
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using EdgeGateway.Hardware.Ble.Att;
using EdgeGateway.Hardware.Ble.Eddystone;
using EdgeGateway.Hardware.Emulation.Gatt;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Emulation.Controller.Peripherals;

/// <summary>
/// The connectable side of one virtual beacon: its live radio settings (what it advertises follows them), its lock,
/// its fault knobs, and a fresh GATT server with the Eddystone configuration service per connection. Settings are
/// written on the controller's link thread and read by its air loop, hence the volatile fields.
/// </summary>
public sealed class VirtualPeripheral
{
    private readonly VirtualBeaconGatt _gatt;
    private readonly EddystoneCapabilities _capabilities;
    private volatile int _txPowerDbm;
    private volatile int _intervalMs;
    private volatile int _advertisedTxPowerDbm;
    private volatile bool _inRange = true;
    private volatile bool _dropOnNextWrite;
    private int _writes;

    public VirtualPeripheral(VirtualBeacon beacon)
    {
        ArgumentNullException.ThrowIfNull(beacon);
        _gatt = beacon.Gatt ?? throw new ArgumentException("the beacon has no GATT configuration", nameof(beacon));
        if (_gatt.LockKey is { Length: not 16 })
        {
            throw new ArgumentException("a lock key is 16 bytes", nameof(beacon));
        }

        Address = beacon.Address;
        _txPowerDbm = _gatt.InitialTxPowerDbm;
        _intervalMs = (int)beacon.AdvertisingInterval.TotalMilliseconds;
        _advertisedTxPowerDbm = beacon.MeasuredPower + 41;
        _capabilities = new EddystoneCapabilities(0, 1, 0, 0x03, 0x0007, [.. _gatt.TxPowerLevels.Order()]);
    }

    public BluetoothAddress Address { get; }

    public int TxPowerDbm => _txPowerDbm;

    public int IntervalMs => _intervalMs;

    /// <summary>The advertised 0 m power; it moves with the radio power so the frames stay calibrated.</summary>
    public int AdvertisedTxPowerDbm => _advertisedTxPowerDbm;

    /// <summary>How far the radio is from the power its frames were calibrated at: shifts RSSI and the frames' power fields.</summary>
    public int TxPowerDelta => _txPowerDbm - _gatt.InitialTxPowerDbm;

    /// <summary>Fault knob: out of range, the beacon is neither heard nor answers connection attempts.</summary>
    public bool InRange
    {
        get => _inRange;
        set => _inRange = value;
    }

    /// <summary>Fault knob: the next write request drops the link instead of being answered (the write is lost).</summary>
    public bool DropOnNextWrite
    {
        get => _dropOnNextWrite;
        set => _dropOnNextWrite = value;
    }

    /// <summary>Successful writes to configuration characteristics (not unlock).</summary>
    public int Writes => Volatile.Read(ref _writes);

    public int Connections { get; internal set; }

    /// <summary>Builds the server for one connection: the lock is per connection (a new link starts locked again).</summary>
    internal AttServer CreateServer(Action dropLink)
    {
        var locked = _gatt.LockKey is not null;
        byte[]? challenge = null;
        bool Unlocked() => !locked;

        GattResult Guarded(Func<byte[]> value) => Unlocked() ? GattResult.Of(value()) : GattResult.Fail(AttErrorCode.InsufficientAuthorization);

        AttErrorCode? Writing(Func<AttErrorCode?> apply)
        {
            if (_dropOnNextWrite)
            {
                _dropOnNextWrite = false;
                dropLink();
                return null;
            }

            if (!Unlocked())
            {
                return AttErrorCode.InsufficientAuthorization;
            }

            var error = apply();
            if (error is null)
            {
                Interlocked.Increment(ref _writes);
            }

            return error;
        }

        var database = new GattDatabase().AddPrimaryService(EddystoneConfigUuids.Service);
        void Add(Guid uuid, Func<GattResult>? read, Func<ReadOnlyMemory<byte>, AttErrorCode?>? write)
        {
            if (!_gatt.MissingCharacteristics.Contains(uuid))
            {
                database.AddCharacteristic(uuid, read, write);
            }
        }

        Add(EddystoneConfigUuids.Capabilities, () => GattResult.Of(_capabilities.ToBytes()), null);
        Add(EddystoneConfigUuids.ActiveSlot, () => Guarded(() => [0]), v => Writing(() => v.Span is [0] ? null : AttErrorCode.ValueNotAllowed));
        Add(EddystoneConfigUuids.AdvertisingInterval, () => Guarded(() => BigEndian((ushort)_intervalMs)), v => Writing(() => SetInterval(v.Span)));
        Add(EddystoneConfigUuids.RadioTxPower, () => Guarded(() => [(byte)(sbyte)_txPowerDbm]), v => Writing(() => SetTxPower(v.Span)));
        Add(EddystoneConfigUuids.AdvertisedTxPower, () => Guarded(() => [(byte)(sbyte)_advertisedTxPowerDbm]),
            v => Writing(() => SetAdvertisedTxPower(v.Span)));
        Add(EddystoneConfigUuids.LockState, () => GattResult.Of([locked ? (byte)EddystoneLockState.Locked : (byte)EddystoneLockState.Unlocked]),
            v => Writing(() => v.Length is 1 or 17 ? null : AttErrorCode.InvalidAttributeValueLength));
        Add(EddystoneConfigUuids.Unlock,
            () =>
            {
                challenge = RandomNumberGenerator.GetBytes(16);
                return GattResult.Of(challenge);
            },
            v =>
            {
                if (v.Length != 16)
                {
                    return AttErrorCode.InvalidAttributeValueLength;
                }

                if (_gatt.LockKey is { } key && challenge is { } c && EddystoneUnlockToken.Compute(key, c).AsSpan().SequenceEqual(v.Span))
                {
                    locked = false;
                    return null;
                }

                challenge = null;
                return AttErrorCode.InsufficientAuthorization;
            });
        return new AttServer(database);
    }

    private AttErrorCode? SetInterval(ReadOnlySpan<byte> value)
    {
        if (value.Length != 2)
        {
            return AttErrorCode.InvalidAttributeValueLength;
        }

        // The spec lets a beacon adjust an unsupported interval to the nearest one it supports.
        _intervalMs = Math.Clamp(BinaryPrimitives.ReadUInt16BigEndian(value), _gatt.MinIntervalMs, _gatt.MaxIntervalMs);
        return null;
    }

    private AttErrorCode? SetTxPower(ReadOnlySpan<byte> value)
    {
        if (value.Length != 1)
        {
            return AttErrorCode.InvalidAttributeValueLength;
        }

        var old = _txPowerDbm;
        _txPowerDbm = _capabilities.RoundUp((sbyte)value[0]);
        _advertisedTxPowerDbm += _txPowerDbm - old;
        return null;
    }

    private AttErrorCode? SetAdvertisedTxPower(ReadOnlySpan<byte> value)
    {
        if (value.Length != 1)
        {
            return AttErrorCode.InvalidAttributeValueLength;
        }

        _advertisedTxPowerDbm = (sbyte)value[0];
        return null;
    }

    private static byte[] BigEndian(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }
}

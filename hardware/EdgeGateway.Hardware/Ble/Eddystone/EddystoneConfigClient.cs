using System.Buffers.Binary;
using EdgeGateway.Hardware.Ble.Att;
using EdgeGateway.Hardware.Ble.Gatt;
using EdgeGateway.Hardware.Hci;
using EdgeGateway.Hardware.Hci.Connections;

namespace EdgeGateway.Hardware.Ble.Eddystone;

/// <summary>
/// Configures a beacon through the Eddystone Configuration GATT service, one short session per call: connect,
/// exchange MTU, discover the service and its characteristics, read capabilities and lock state, unlock with the
/// challenge when locked, write, read back, disconnect. Every failure is an <see cref="EddystoneConfigException"/>
/// with a named <see cref="EddystoneConfigFailure"/>; the link is always taken down before returning.
/// </summary>
public sealed class EddystoneConfigClient(LeConnectionManager connections, EddystoneConfigClientOptions? options = null, TimeProvider? timeProvider = null)
{
    private readonly EddystoneConfigClientOptions _options = options ?? new EddystoneConfigClientOptions();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Reads the active slot's settings; a locked beacon is unlocked first when <paramref name="lockKey"/> is given.</summary>
    public Task<EddystoneBeaconSettings> ReadAsync(BluetoothAddress address, byte addressType, ReadOnlyMemory<byte>? lockKey, CancellationToken cancellationToken) =>
        SessionAsync(address, addressType, lockKey, requireUnlock: false, (session, ct) => session.ReadSettingsAsync(ct), cancellationToken);

    /// <summary>Writes TX power and/or interval (null leaves a value as it is) and returns what the beacon reads back afterwards.</summary>
    public Task<EddystoneBeaconSettings> WriteAsync(BluetoothAddress address, byte addressType, ReadOnlyMemory<byte>? lockKey, int? txPowerDbm, int? intervalMs,
        CancellationToken cancellationToken)
    {
        if (txPowerDbm is < sbyte.MinValue or > sbyte.MaxValue)
        {
            throw new EddystoneConfigException(EddystoneConfigFailure.ValueOutOfRange, $"TX power {txPowerDbm} dBm does not fit the characteristic's int8");
        }

        if (intervalMs is < 1 or > ushort.MaxValue)
        {
            throw new EddystoneConfigException(EddystoneConfigFailure.ValueOutOfRange, $"interval {intervalMs} ms does not fit the characteristic's uint16");
        }

        return SessionAsync(address, addressType, lockKey, requireUnlock: true, async (session, ct) =>
        {
            if (intervalMs is { } interval)
            {
                var value = new byte[2];
                BinaryPrimitives.WriteUInt16BigEndian(value, (ushort)interval);
                await session.WriteAsync(EddystoneConfigUuids.AdvertisingInterval, value, ct);
            }

            if (txPowerDbm is { } power)
            {
                await session.WriteAsync(EddystoneConfigUuids.RadioTxPower, [(byte)(sbyte)power], ct);
            }

            return await session.ReadSettingsAsync(ct);
        }, cancellationToken);
    }

    private async Task<EddystoneBeaconSettings> SessionAsync(BluetoothAddress address, byte addressType, ReadOnlyMemory<byte>? lockKey, bool requireUnlock,
        Func<Session, CancellationToken, Task<EddystoneBeaconSettings>> work, CancellationToken cancellationToken)
    {
        LeConnection link;
        try
        {
            link = await connections.ConnectAsync(address, addressType, _options.ConnectTimeout, null, cancellationToken);
        }
        catch (LeConnectionFailedException ex)
        {
            throw new EddystoneConfigException(ex.TimedOut ? EddystoneConfigFailure.NotInRange : EddystoneConfigFailure.ConnectionFailed, ex.Message, ex);
        }
        catch (HciException ex)
        {
            throw new EddystoneConfigException(EddystoneConfigFailure.ConnectionFailed, ex.Message, ex);
        }

        using var att = new AttClient(link, _time) { Timeout = _options.AttTimeout };
        try
        {
            var session = new Session(new GattClient(att));
            await session.OpenAsync(_options.Mtu, lockKey, requireUnlock, cancellationToken);
            return await work(session, cancellationToken);
        }
        catch (LeDisconnectedException ex)
        {
            throw new EddystoneConfigException(EddystoneConfigFailure.Disconnected, $"{address} dropped the connection mid-session: {ex.Message}", ex);
        }
        catch (TimeoutException ex)
        {
            throw new EddystoneConfigException(EddystoneConfigFailure.ConnectionFailed, $"{address} stopped answering: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
        {
            throw new EddystoneConfigException(EddystoneConfigFailure.ProtocolError, $"{address}: {ex.Message}", ex);
        }
        catch (AttErrorException ex)
        {
            throw new EddystoneConfigException(ex.Error switch
            {
                AttErrorCode.InsufficientAuthorization or AttErrorCode.InsufficientAuthentication => EddystoneConfigFailure.WrongLockKey,
                AttErrorCode.ValueNotAllowed or AttErrorCode.InvalidAttributeValueLength => EddystoneConfigFailure.ValueOutOfRange,
                AttErrorCode.InvalidHandle or AttErrorCode.AttributeNotFound => EddystoneConfigFailure.CharacteristicMissing,
                _ => EddystoneConfigFailure.ProtocolError,
            }, ex.Error is AttErrorCode.InsufficientAuthorization or AttErrorCode.InsufficientAuthentication
                ? $"{address} is locked and refused {ex.Request}: no lock key, or the wrong one, is configured for it"
                : $"{address}: {ex.Message}", ex);
        }
        finally
        {
            await HangUpAsync(link);
        }
    }

    private async Task HangUpAsync(LeConnection link)
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
            await link.DisconnectAsync(quick.Token);
        }
        catch (Exception ex) when (ex is HciException or TimeoutException or OperationCanceledException or InvalidOperationException or IOException)
        {
            // The supervision timeout ends a link we could not hang up; nothing else to do.
        }
    }

    private sealed class Session(GattClient gatt)
    {
        private readonly Dictionary<Guid, GattCharacteristic> _characteristics = [];
        private EddystoneCapabilities? _capabilities;

        public async Task OpenAsync(ushort mtu, ReadOnlyMemory<byte>? lockKey, bool requireUnlock, CancellationToken cancellationToken)
        {
            await gatt.Att.ExchangeMtuAsync(mtu, cancellationToken);
            var services = await gatt.DiscoverPrimaryServicesAsync(cancellationToken);
            var service = services.FirstOrDefault(s => s.Uuid == EddystoneConfigUuids.Service)
                ?? throw new EddystoneConfigException(EddystoneConfigFailure.CharacteristicMissing, "the beacon has no Eddystone configuration service");
            foreach (var characteristic in await gatt.DiscoverCharacteristicsAsync(service, cancellationToken))
            {
                _characteristics.TryAdd(characteristic.Uuid, characteristic);
            }

            _capabilities = EddystoneCapabilities.Parse(await ReadAsync(EddystoneConfigUuids.Capabilities, cancellationToken));
            var state = await ReadLockStateAsync(cancellationToken);
            if (state != EddystoneLockState.Locked || (!requireUnlock && lockKey is null))
            {
                return;
            }

            if (lockKey is not { Length: EddystoneUnlockToken.Length } key)
            {
                throw new EddystoneConfigException(EddystoneConfigFailure.WrongLockKey, "the beacon is locked and no 16-byte lock key is configured for it");
            }

            var challenge = await ReadAsync(EddystoneConfigUuids.Unlock, cancellationToken);
            if (challenge.Length != EddystoneUnlockToken.Length)
            {
                throw new EddystoneConfigException(EddystoneConfigFailure.ProtocolError, $"unlock challenge of {challenge.Length} bytes (16 expected)");
            }

            try
            {
                await WriteAsync(EddystoneConfigUuids.Unlock, EddystoneUnlockToken.Compute(key.Span, challenge), cancellationToken);
            }
            catch (AttErrorException ex) when (ex.Error is AttErrorCode.InsufficientAuthorization or AttErrorCode.WriteNotPermitted)
            {
                throw new EddystoneConfigException(EddystoneConfigFailure.WrongLockKey, "the beacon refused the unlock token: the lock key is wrong", ex);
            }

            if (await ReadLockStateAsync(cancellationToken) == EddystoneLockState.Locked)
            {
                throw new EddystoneConfigException(EddystoneConfigFailure.WrongLockKey, "the beacon is still locked after unlocking: the lock key is wrong");
            }
        }

        public async Task<EddystoneBeaconSettings> ReadSettingsAsync(CancellationToken cancellationToken)
        {
            var interval = await ReadAsync(EddystoneConfigUuids.AdvertisingInterval, cancellationToken);
            var power = await ReadAsync(EddystoneConfigUuids.RadioTxPower, cancellationToken);
            if (interval.Length != 2 || power.Length != 1)
            {
                throw new EddystoneConfigException(EddystoneConfigFailure.ProtocolError,
                    $"interval of {interval.Length} bytes (2 expected) or TX power of {power.Length} bytes (1 expected)");
            }

            int? advertised = null;
            if (_characteristics.ContainsKey(EddystoneConfigUuids.AdvertisedTxPower)
                && await ReadAsync(EddystoneConfigUuids.AdvertisedTxPower, cancellationToken) is [var a])
            {
                advertised = (sbyte)a;
            }

            return new EddystoneBeaconSettings
            {
                IntervalMs = BinaryPrimitives.ReadUInt16BigEndian(interval),
                TxPowerDbm = (sbyte)power[0],
                AdvertisedTxPowerDbm = advertised,
                LockState = await ReadLockStateAsync(cancellationToken),
                Capabilities = _capabilities!,
            };
        }

        public Task WriteAsync(Guid uuid, byte[] value, CancellationToken cancellationToken) =>
            gatt.WriteAsync(Find(uuid).ValueHandle, value, cancellationToken);

        private async Task<EddystoneLockState> ReadLockStateAsync(CancellationToken cancellationToken)
        {
            var value = await ReadAsync(EddystoneConfigUuids.LockState, cancellationToken);
            return value.Length >= 1 && value[0] <= 2
                ? (EddystoneLockState)value[0]
                : throw new EddystoneConfigException(EddystoneConfigFailure.ProtocolError, $"lock state value {Convert.ToHexString(value)} is not 00, 01 or 02");
        }

        private Task<byte[]> ReadAsync(Guid uuid, CancellationToken cancellationToken) => gatt.ReadAsync(Find(uuid).ValueHandle, cancellationToken);

        private GattCharacteristic Find(Guid uuid) => _characteristics.TryGetValue(uuid, out var characteristic)
            ? characteristic
            : throw new EddystoneConfigException(EddystoneConfigFailure.CharacteristicMissing,
                $"the beacon's configuration service has no {EddystoneConfigUuids.Name(uuid)} characteristic");
    }
}

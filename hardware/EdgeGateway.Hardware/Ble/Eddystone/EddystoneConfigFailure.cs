namespace EdgeGateway.Hardware.Ble.Eddystone;

/// <summary>Why configuring a beacon over GATT failed; the text forms are the protocol's `reason` values.</summary>
public enum EddystoneConfigFailure
{
    /// <summary>No connection came up in time: the beacon is out of range, off, or not connectable right now.</summary>
    NotInRange,

    /// <summary>The controller or the beacon refused the connection, or ATT stopped answering.</summary>
    ConnectionFailed,

    /// <summary>The beacon is locked and the key we hold does not unlock it (or we hold none).</summary>
    WrongLockKey,

    /// <summary>The Eddystone configuration service, or a characteristic it needs, is not in the beacon's GATT database.</summary>
    CharacteristicMissing,

    /// <summary>The value is outside what the protocol or the beacon accepts.</summary>
    ValueOutOfRange,

    /// <summary>The link dropped in the middle of the session.</summary>
    Disconnected,

    /// <summary>The beacon answered with something the specification does not allow.</summary>
    ProtocolError,
}

namespace EdgeGateway.Hardware.Emulation.Controller;

/// <summary>
/// Makes a <see cref="VirtualBeacon"/> connectable with an Eddystone configuration service: its lock key (null = never
/// locked), the TX power levels its radio supports (a written power is rounded up to one of them), its interval range.
/// </summary>
public sealed record VirtualBeaconGatt
{
    /// <summary>16-byte lock key; the beacon starts locked when set.</summary>
    public byte[]? LockKey { get; init; }

    /// <summary>Supported radio TX power levels in dBm, ascending.</summary>
    public IReadOnlyList<sbyte> TxPowerLevels { get; init; } = [-20, -16, -12, -8, -4, 0, 4];

    /// <summary>Radio TX power at start (dBm); the beacon's <see cref="VirtualBeacon.MeasuredPower"/> is calibrated at this power.</summary>
    public sbyte InitialTxPowerDbm { get; init; } = -8;

    public int MinIntervalMs { get; init; } = 100;

    public int MaxIntervalMs { get; init; } = 10_240;

    /// <summary>Characteristics left out of the database (fault knob: a beacon with a partial service).</summary>
    public IReadOnlyList<Guid> MissingCharacteristics { get; init; } = [];
}

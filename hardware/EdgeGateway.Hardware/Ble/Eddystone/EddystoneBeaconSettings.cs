namespace EdgeGateway.Hardware.Ble.Eddystone;

/// <summary>What a beacon's active slot is set to, as read back over GATT.</summary>
public sealed record EddystoneBeaconSettings
{
    public required int TxPowerDbm { get; init; }

    public required int IntervalMs { get; init; }

    /// <summary>The 0 m power the beacon puts in its frames, when it exposes it.</summary>
    public int? AdvertisedTxPowerDbm { get; init; }

    public required EddystoneLockState LockState { get; init; }

    public required EddystoneCapabilities Capabilities { get; init; }
}

namespace EdgeGateway.Edge.BeaconConfig;

/// <summary>A beacon's settings as read over GATT for the Beacon config tab ("read now").</summary>
public sealed record BeaconSettingsReadBack(
    string BeaconId,
    int TxPowerDbm,
    int IntervalMs,
    int? AdvertisedTxPowerDbm,
    string LockState,
    IReadOnlyList<sbyte> SupportedTxPowerDbm);

namespace EdgeGateway.Hardware.Ble;

/// <summary>Which beacon frames an advertisement (or a tracked beacon over time) carried.</summary>
[Flags]
public enum BeaconFrameKinds
{
    None = 0,
    IBeacon = 1 << 0,
    AltBeacon = 1 << 1,
    EddystoneUid = 1 << 2,
    EddystoneUrl = 1 << 3,
    EddystoneTlm = 1 << 4,
    EddystoneEid = 1 << 5,
    Ruuvi = 1 << 6,
}

namespace EdgeGateway.Hardware.Ble;

/// <summary>What a <see cref="BeaconKey"/> identifies a beacon by.</summary>
public enum BeaconIdKind : byte
{
    Address = 0,
    IBeacon = 1,
    Eddystone = 2,
}

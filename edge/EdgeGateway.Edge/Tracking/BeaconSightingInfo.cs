using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Edge.Tracking;

/// <summary>Where and how a tracked beacon was last heard: what a GATT session needs to reach it and to check it afterwards.</summary>
public readonly record struct BeaconSightingInfo(
    BluetoothAddress Address,
    byte AddressType,
    DateTimeOffset LastSeen,
    long Count,
    int? MeasuredPower);

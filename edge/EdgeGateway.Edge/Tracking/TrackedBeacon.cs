using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Ble.Decoders;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Edge.Tracking;

/// <summary>One slot of the tracker's table: a beacon's state, plus its links in the least-recently-seen list.</summary>
internal struct TrackedBeacon
{
    public BeaconKey Key;
    public BluetoothAddress Address;
    public long FirstSeenTicks;
    public long LastSeenTicks;
    public long NextPeriodicTicks;
    public long Count;
    public float RssiSmoothed;
    public float TemperatureC;
    public float ReportedTemperatureC;
    public float HumidityPct;
    public int BatteryMv;
    public int ReportedBatteryMv;
    public EddystoneUrlFrame Url;
    public BeaconFrameKinds Frames;
    public int Previous;
    public int Next;
    public sbyte RssiLast;
    public sbyte RssiMin;
    public sbyte RssiMax;
    public sbyte MeasuredPower;
    public byte AddressType;
    public bool HasRssi;
    public bool HasMeasuredPower;
    public bool InUse;

    /// <summary>Kept only so its later frames are recognised and ignored (an Eddystone beacon whose UID is on the deny list).</summary>
    public bool Denied;
    public string? PendingReason;
}

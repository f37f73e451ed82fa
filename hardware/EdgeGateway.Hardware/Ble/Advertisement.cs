using EdgeGateway.Hardware.Ble.Decoders;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Ble;

/// <summary>
/// Everything the decoders found in one advertisement's data. A value type filled in place by
/// <see cref="AdvertisementDecoder"/>, so decoding allocates nothing.
/// </summary>
public struct Advertisement
{
    public BeaconFrameKinds Frames { get; set; }

    public IBeaconFrame IBeacon { get; set; }

    public AltBeaconFrame AltBeacon { get; set; }

    public EddystoneUidFrame EddystoneUid { get; set; }

    public EddystoneUrlFrame EddystoneUrl { get; set; }

    public EddystoneTlmFrame EddystoneTlm { get; set; }

    public EddystoneEidFrame EddystoneEid { get; set; }

    public RuuviRawV2Frame Ruuvi { get; set; }

    /// <summary>The TX Power Level AD structure (0x0A), when present.</summary>
    public sbyte? TxPowerLevel { get; set; }

    public readonly bool Has(BeaconFrameKinds kind) => (Frames & kind) != 0;

    /// <summary>The identity this advertisement carries by itself: iBeacon, then Eddystone-UID, else the address.</summary>
    public readonly BeaconKey Identity(BluetoothAddress address) =>
        Has(BeaconFrameKinds.IBeacon) ? BeaconKey.ForIBeacon(IBeacon)
        : Has(BeaconFrameKinds.EddystoneUid) ? BeaconKey.ForEddystone(EddystoneUid)
        : BeaconKey.ForAddress(address);

    /// <summary>Calibrated RSSI at 1 m: iBeacon measured power, AltBeacon reference RSSI, or Eddystone's 0 m power minus the 41 dB the spec gives for 1 m.</summary>
    public readonly int? MeasuredPowerAt1M =>
        Has(BeaconFrameKinds.IBeacon) ? IBeacon.TxPower
        : Has(BeaconFrameKinds.AltBeacon) ? AltBeacon.ReferenceRssi
        : Has(BeaconFrameKinds.EddystoneUid) ? EddystoneUid.TxPower - 41
        : Has(BeaconFrameKinds.EddystoneUrl) ? EddystoneUrl.TxPower - 41
        : Has(BeaconFrameKinds.EddystoneEid) ? EddystoneEid.TxPower - 41
        : null;
}

using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Ble.Decoders;
using EdgeGateway.Hardware.Ble.Encoders;

namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>An iBeacon frame; <see cref="MeasuredPower"/> is the calibrated RSSI at 1 m that receivers range with.</summary>
public sealed record IBeaconAdvertiserFrame(Guid Uuid, ushort Major, ushort Minor, sbyte MeasuredPower) : AdvertiserFrame
{
    public override BeaconFrameKinds Kind => BeaconFrameKinds.IBeacon;

    public override byte[] Encode(in EddystoneTlmFrame telemetry) => IBeaconEncoder.Encode(Uuid, Major, Minor, MeasuredPower);
}

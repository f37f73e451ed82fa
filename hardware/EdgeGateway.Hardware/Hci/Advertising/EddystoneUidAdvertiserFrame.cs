using System.Globalization;
using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Ble.Decoders;
using EdgeGateway.Hardware.Ble.Encoders;

namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>An Eddystone-UID frame: 80-bit namespace, 48-bit instance, calibrated TX power at 0 m.</summary>
public sealed record EddystoneUidAdvertiserFrame(UInt128 Namespace, ulong Instance, sbyte TxPowerAt0M) : AdvertiserFrame
{
    public override BeaconFrameKinds Kind => BeaconFrameKinds.EddystoneUid;

    public override byte[] Encode(in EddystoneTlmFrame telemetry) => EddystoneUidEncoder.Encode(TxPowerAt0M, Namespace, Instance);

    public override string? Validate() =>
        Namespace > EddystoneUidEncoder.MaxNamespace ? "Eddystone-UID namespace does not fit 10 bytes"
        : Instance > EddystoneUidEncoder.MaxInstance ? string.Create(CultureInfo.InvariantCulture, $"Eddystone-UID instance 0x{Instance:X} does not fit 6 bytes")
        : null;
}

using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Ble.Decoders;
using EdgeGateway.Hardware.Ble.Encoders;

namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>An unencrypted Eddystone-TLM frame, re-encoded from fresh telemetry each time it goes on air.</summary>
public sealed record EddystoneTlmAdvertiserFrame : AdvertiserFrame
{
    public override BeaconFrameKinds Kind => BeaconFrameKinds.EddystoneTlm;

    public override byte[] Encode(in EddystoneTlmFrame telemetry) => EddystoneTlmEncoder.Encode(telemetry);
}

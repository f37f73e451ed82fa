using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Ble.Decoders;
using EdgeGateway.Hardware.Ble.Encoders;

namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>An Eddystone-URL frame; the URL must compress to 17 bytes (see <see cref="EddystoneUrlEncoder"/>).</summary>
public sealed record EddystoneUrlAdvertiserFrame(string Url, sbyte TxPowerAt0M) : AdvertiserFrame
{
    public override BeaconFrameKinds Kind => BeaconFrameKinds.EddystoneUrl;

    public override byte[] Encode(in EddystoneTlmFrame telemetry) => EddystoneUrlEncoder.Encode(Url, TxPowerAt0M);

    public override string? Validate()
    {
        Span<byte> scratch = stackalloc byte[EddystoneUrlEncoder.MaxEncodedUrlLength];
        return Url is null ? "Eddystone-URL frame without a URL" : EddystoneUrlEncoder.TryCompress(Url, scratch, out _, out _);
    }
}

using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Ble.Decoders;

namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>One beacon frame the own advertiser puts on air; the subtypes are the formats our encoders write.</summary>
public abstract record AdvertiserFrame
{
    public abstract BeaconFrameKinds Kind { get; }

    /// <summary>The complete legacy advertising data (Flags first, at most 31 bytes). <paramref name="telemetry"/> is used by TLM frames only.</summary>
    public abstract byte[] Encode(in EddystoneTlmFrame telemetry);

    /// <summary>Null when the frame can be encoded; else why not (checked before the radio is touched).</summary>
    public virtual string? Validate() => null;
}

using System.Runtime.CompilerServices;

namespace EdgeGateway.Hardware.Ble.Decoders;

/// <summary>Inline storage for an encoded Eddystone URL (at most 17 bytes), so frames stay allocation-free.</summary>
[InlineArray(17)]
public struct EddystoneUrlBytes
{
    private byte _first;
}

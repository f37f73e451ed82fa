namespace EdgeGateway.Hardware.Ble.Decoders;

/// <summary>The first byte of Eddystone service data (github.com/google/eddystone, protocol-specification.md).</summary>
public enum EddystoneFrameType : byte
{
    Uid = 0x00,
    Url = 0x10,
    Tlm = 0x20,
    Eid = 0x30,
}

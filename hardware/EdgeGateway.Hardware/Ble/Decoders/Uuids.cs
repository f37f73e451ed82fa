using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Ble.Decoders;

/// <summary>UUIDs travel big-endian in beacon frames; these convert without going through byte arrays.</summary>
public static class Uuids
{
    public static Guid FromUInt128(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new Guid(bytes, bigEndian: true);
    }

    public static UInt128 ToUInt128(Guid uuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}

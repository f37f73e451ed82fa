using System.Buffers.Binary;
using EdgeGateway.Hardware.Ble.Decoders;

namespace EdgeGateway.Hardware.Ble.Encoders;

/// <summary>
/// Eddystone-UID advertising data: frame type 0x00, TX power at 0 m, 10-byte namespace, 6-byte instance
/// (both big-endian) and the two reserved zero bytes. 31 bytes, exactly what a legacy PDU holds.
/// </summary>
public static class EddystoneUidEncoder
{
    public const int Length = EddystoneServiceData.HeaderLength + FrameLength;

    /// <summary>The namespace is 80 bits.</summary>
    public static readonly UInt128 MaxNamespace = (UInt128.One << 80) - 1;

    /// <summary>The instance is 48 bits.</summary>
    public const ulong MaxInstance = (1UL << 48) - 1;

    private const int FrameLength = 20;

    public static int Write(Span<byte> destination, sbyte txPowerAt0M, UInt128 ns, ulong instance)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ns, MaxNamespace);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(instance, MaxInstance);
        var frame = EddystoneServiceData.WriteHeader(destination, FrameLength);
        frame[0] = (byte)EddystoneFrameType.Uid;
        frame[1] = (byte)txPowerAt0M;
        BinaryPrimitives.WriteUInt16BigEndian(frame[2..], (ushort)(ns >> 64));
        BinaryPrimitives.WriteUInt64BigEndian(frame[4..], (ulong)ns);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], (ushort)(instance >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(frame[14..], (uint)instance);
        frame[18] = 0;
        frame[19] = 0;
        return Length;
    }

    public static byte[] Encode(sbyte txPowerAt0M, UInt128 ns, ulong instance)
    {
        Span<byte> data = stackalloc byte[Length];
        return LegacyAdvertisingData.Checked(data[..Write(data, txPowerAt0M, ns, instance)]);
    }
}

using System.Buffers.Binary;
using EdgeGateway.Hardware.Ble.Decoders;

namespace EdgeGateway.Hardware.Ble.Encoders;

/// <summary>
/// iBeacon advertising data: Flags, then one manufacturer-specific structure (length 0x1A, type 0xFF,
/// company 0x004C little-endian, type 0x02, length 0x15, UUID, major and minor big-endian, measured power). 30 bytes.
/// </summary>
public static class IBeaconEncoder
{
    public const int Length = 30;

    public static int Write(Span<byte> destination, Guid uuid, ushort major, ushort minor, sbyte measuredPower)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"iBeacon data needs {Length} bytes, the destination has {destination.Length}", nameof(destination));
        }

        var n = LegacyAdvertisingData.WriteFlags(destination);
        destination[n++] = 0x1A;
        destination[n++] = (byte)AdvertisingDataType.ManufacturerSpecificData;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[n..], IBeaconFrame.AppleCompanyId);
        n += 2;
        destination[n++] = 0x02;
        destination[n++] = 0x15;
        BinaryPrimitives.WriteUInt128BigEndian(destination[n..], Uuids.ToUInt128(uuid));
        n += 16;
        BinaryPrimitives.WriteUInt16BigEndian(destination[n..], major);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(n + 2)..], minor);
        destination[n + 4] = (byte)measuredPower;
        return n + 5;
    }

    public static byte[] Encode(Guid uuid, ushort major, ushort minor, sbyte measuredPower)
    {
        Span<byte> data = stackalloc byte[Length];
        return LegacyAdvertisingData.Checked(data[..Write(data, uuid, major, minor, measuredPower)]);
    }
}

using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Ble.Gatt;

/// <summary>
/// UUIDs as ATT carries them: 2 or 16 bytes, little-endian; a 16-bit UUID is the Bluetooth Base UUID
/// 0000xxxx-0000-1000-8000-00805F9B34FB.
/// </summary>
public static class GattUuid
{
    // Declared before the aliases below: static fields initialise in text order.
    private static readonly Guid Base = Guid.Parse("00000000-0000-1000-8000-00805f9b34fb");

    public static readonly Guid PrimaryService = From16(0x2800);
    public static readonly Guid Characteristic = From16(0x2803);

    public static Guid From16(ushort value)
    {
        Span<byte> bytes = stackalloc byte[16];
        Base.TryWriteBytes(bytes, bigEndian: true, out _);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[2..], value);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The 16-bit alias when <paramref name="uuid"/> is on the Base UUID, else null.</summary>
    public static ushort? To16(Guid uuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        var alias = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        return From16(alias) == uuid ? alias : null;
    }

    /// <summary>Reads a 2- or 16-byte little-endian UUID.</summary>
    public static Guid Read(ReadOnlySpan<byte> wire) => wire.Length switch
    {
        2 => From16(BinaryPrimitives.ReadUInt16LittleEndian(wire)),
        16 => ReadLong(wire),
        _ => throw new InvalidDataException($"a UUID is 2 or 16 bytes, not {wire.Length}"),
    };

    /// <summary>Writes the shortest form and returns its length (2 or 16).</summary>
    public static int Write(Guid uuid, Span<byte> destination)
    {
        if (To16(uuid) is { } alias)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, alias);
            return 2;
        }

        uuid.TryWriteBytes(destination, bigEndian: true, out _);
        destination[..16].Reverse();
        return 16;
    }

    private static Guid ReadLong(ReadOnlySpan<byte> wire)
    {
        Span<byte> bytes = stackalloc byte[16];
        wire.CopyTo(bytes);
        bytes.Reverse();
        return new Guid(bytes, bigEndian: true);
    }
}

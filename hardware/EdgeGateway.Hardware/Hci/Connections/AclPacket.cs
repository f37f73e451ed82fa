using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Hci.Connections;

/// <summary>
/// HCI ACL data packets (Core spec Vol 4, Part E, 5.4.2): a 12-bit connection handle with the
/// Packet_Boundary flag in bits 12-13 and the Broadcast flag in bits 14-15, a 16-bit length, the data.
/// </summary>
public static class AclPacket
{
    public const int HeaderLength = 4;

    /// <summary>PB 0b00: first fragment of an L2CAP frame, not automatically flushable (host to controller on LE).</summary>
    public const byte FirstNonFlushable = 0b00;

    /// <summary>PB 0b01: a continuation fragment.</summary>
    public const byte Continuing = 0b01;

    /// <summary>PB 0b10: first fragment, automatically flushable (what a controller sends the host on LE).</summary>
    public const byte FirstFlushable = 0b10;

    /// <summary>Writes the H4 packet (indicator 0x02, header, data) and returns its length.</summary>
    public static int Write(Span<byte> destination, ushort handle, byte boundary, ReadOnlySpan<byte> data)
    {
        destination[0] = (byte)H4PacketType.AclData;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[1..], (ushort)((handle & 0x0FFF) | ((boundary & 0b11) << 12)));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[3..], (ushort)data.Length);
        data.CopyTo(destination[5..]);
        return 1 + HeaderLength + data.Length;
    }

    /// <summary>Reads the header of a packet as the framer delivers it (after the indicator). False when the length does not match.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out ushort handle, out byte boundary, out ReadOnlySpan<byte> data)
    {
        handle = 0;
        boundary = 0;
        data = default;
        if (packet.Length < HeaderLength)
        {
            return false;
        }

        var word = BinaryPrimitives.ReadUInt16LittleEndian(packet);
        var length = BinaryPrimitives.ReadUInt16LittleEndian(packet[2..]);
        if (packet.Length != HeaderLength + length)
        {
            return false;
        }

        handle = (ushort)(word & 0x0FFF);
        boundary = (byte)((word >> 12) & 0b11);
        data = packet[HeaderLength..];
        return true;
    }
}

using System.Buffers.Binary;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Emulation.Controller;

/// <summary>Writes the H4 event packets a controller sends (indicator 0x04 included). Returns bytes written.</summary>
public static class HciEventWriter
{
    public static int CommandComplete(Span<byte> packet, byte credits, ushort opcode, byte status, ReadOnlySpan<byte> returnParameters)
    {
        packet[0] = (byte)H4PacketType.Event;
        packet[1] = (byte)HciEventCode.CommandComplete;
        packet[2] = (byte)(4 + returnParameters.Length);
        packet[3] = credits;
        BinaryPrimitives.WriteUInt16LittleEndian(packet[4..], opcode);
        packet[6] = status;
        returnParameters.CopyTo(packet[7..]);
        return 7 + returnParameters.Length;
    }

    public static int CommandStatus(Span<byte> packet, byte credits, ushort opcode, byte status)
    {
        packet[0] = (byte)H4PacketType.Event;
        packet[1] = (byte)HciEventCode.CommandStatus;
        packet[2] = 4;
        packet[3] = status;
        packet[4] = credits;
        BinaryPrimitives.WriteUInt16LittleEndian(packet[5..], opcode);
        return 7;
    }

    /// <summary>LE Advertising Report with one report; <paramref name="legacyEventType"/> 0..4 (ADV_IND..SCAN_RSP).</summary>
    public static int LeAdvertisingReport(Span<byte> packet, byte legacyEventType, byte addressType, BluetoothAddress address, ReadOnlySpan<byte> data, sbyte rssi)
    {
        packet[0] = (byte)H4PacketType.Event;
        packet[1] = (byte)HciEventCode.LeMeta;
        packet[2] = (byte)(12 + data.Length);
        packet[3] = (byte)LeSubeventCode.AdvertisingReport;
        packet[4] = 1;
        packet[5] = legacyEventType;
        packet[6] = addressType;
        address.Write(packet[7..]);
        packet[13] = (byte)data.Length;
        data.CopyTo(packet[14..]);
        packet[14 + data.Length] = (byte)rssi;
        return 15 + data.Length;
    }

    /// <summary>LE Extended Advertising Report with one complete report on LE 1M.</summary>
    public static int LeExtendedAdvertisingReport(Span<byte> packet, ushort eventType, byte addressType, BluetoothAddress address, sbyte txPower,
        sbyte rssi, ReadOnlySpan<byte> data)
    {
        packet[0] = (byte)H4PacketType.Event;
        packet[1] = (byte)HciEventCode.LeMeta;
        packet[2] = (byte)(26 + data.Length);
        packet[3] = (byte)LeSubeventCode.ExtendedAdvertisingReport;
        packet[4] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(packet[5..], eventType);
        packet[7] = addressType;
        address.Write(packet[8..]);
        packet[14] = 0x01; // primary PHY LE 1M
        packet[15] = 0x00; // no secondary PHY: legacy PDU
        packet[16] = 0xFF; // no ADI
        packet[17] = (byte)txPower;
        packet[18] = (byte)rssi;
        packet[19] = 0;
        packet[20] = 0;
        packet[21] = 0;
        packet[22..28].Clear();
        packet[28] = (byte)data.Length;
        data.CopyTo(packet[29..]);
        return 29 + data.Length;
    }
}

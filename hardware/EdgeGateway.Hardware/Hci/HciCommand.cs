namespace EdgeGateway.Hardware.Hci;

/// <summary>One HCI command: opcode and parameter bytes, as it goes on the wire after the 0x01 indicator.</summary>
public sealed record HciCommand(ushort Opcode, byte[] Parameters)
{
    public HciCommand(HciOpcode opcode, params byte[] parameters)
        : this((ushort)opcode, parameters)
    {
    }

    /// <summary>The whole H4 packet: 0x01, opcode (little-endian), parameter length, parameters.</summary>
    public byte[] ToH4Packet()
    {
        var packet = new byte[4 + Parameters.Length];
        packet[0] = (byte)H4PacketType.Command;
        packet[1] = (byte)Opcode;
        packet[2] = (byte)(Opcode >> 8);
        packet[3] = (byte)Parameters.Length;
        Parameters.CopyTo(packet, 4);
        return packet;
    }
}

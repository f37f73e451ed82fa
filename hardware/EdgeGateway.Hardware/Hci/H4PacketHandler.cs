namespace EdgeGateway.Hardware.Hci;

/// <summary>Receives one complete H4 packet: its type and the bytes after the indicator (header and payload).</summary>
public delegate void H4PacketHandler(H4PacketType type, ReadOnlySpan<byte> packet);

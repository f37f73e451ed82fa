using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Hci.Connections;

/// <summary>
/// The LE connection commands with their exact parameter layouts (Core spec Vol 4, Part E, 7.1.6, 7.8.12, 7.8.13).
/// Opcodes live here rather than in <see cref="HciOpcode"/> so the connection code stays in its own files.
/// </summary>
public static class ConnectionCommands
{
    public const ushort Disconnect = 0x0406;
    public const ushort LeCreateConnection = 0x200D;
    public const ushort LeCreateConnectionCancel = 0x200E;

    /// <summary>Remote User Terminated Connection: the reason a host gives when it hangs up on purpose.</summary>
    public const byte RemoteUserTerminated = 0x13;

    /// <summary>
    /// LE_Scan_Interval, LE_Scan_Window, Initiator_Filter_Policy 0 (use the peer address), Peer_Address_Type,
    /// Peer_Address, Own_Address_Type 0, Connection_Interval_Min/Max, Max_Latency, Supervision_Timeout,
    /// Min/Max_CE_Length: 25 bytes.
    /// </summary>
    public static HciCommand CreateConnection(BluetoothAddress peer, byte peerAddressType, LeConnectionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var p = new byte[25];
        BinaryPrimitives.WriteUInt16LittleEndian(p, parameters.ScanInterval);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(2), parameters.ScanWindow);
        p[4] = 0;
        p[5] = peerAddressType;
        peer.Write(p.AsSpan(6));
        p[12] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(13), parameters.IntervalMin);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(15), parameters.IntervalMax);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(17), parameters.Latency);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(19), parameters.SupervisionTimeout);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(21), 0);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(23), 0);
        return new HciCommand(LeCreateConnection, p);
    }

    public static HciCommand CreateConnectionCancel() => new(LeCreateConnectionCancel, []);

    public static HciCommand DisconnectCommand(ushort handle, byte reason)
    {
        var p = new byte[3];
        BinaryPrimitives.WriteUInt16LittleEndian(p, handle);
        p[2] = reason;
        return new HciCommand(Disconnect, p);
    }
}

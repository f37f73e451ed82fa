using System.Buffers.Binary;
using EdgeGateway.Hardware.Ble.L2cap;
using EdgeGateway.Hardware.Emulation.Gatt;
using EdgeGateway.Hardware.Hci;
using EdgeGateway.Hardware.Hci.Connections;

namespace EdgeGateway.Hardware.Emulation.Controller.Peripherals;

/// <summary>
/// The connection half of the emulated controller: LE Create Connection (answered with Command Status, then LE
/// Connection Complete when the peer is a connectable virtual beacon in range; otherwise pending until LE Create
/// Connection Cancel, which completes it with Unknown Connection Identifier), Disconnect, and ACL both ways: every
/// ACL packet from the host is acknowledged with Number Of Completed Packets, ATT PDUs on channel 4 go to that
/// link's GATT server, answers go back as 27-byte ACL fragments (the LE default data length), as a real link delivers them.
/// </summary>
public sealed class PeripheralLinks(IEnumerable<VirtualPeripheral> peripherals, Func<ReadOnlyMemory<byte>, CancellationToken, Task> send)
{
    /// <summary>Controller-to-host ACL fragment size: LE's default 27-byte data PDU.</summary>
    public const int ReceiveFragment = 27;

    /// <summary>Disconnection Complete reason for a link ended by the local host (Core spec Vol 1, Part F, 2.22).</summary>
    public const byte ConnectionTerminatedByLocalHost = 0x16;

    private readonly Dictionary<BluetoothAddress, VirtualPeripheral> _peripherals = peripherals.ToDictionary(p => p.Address);
    private readonly Dictionary<ushort, Link> _links = [];
    private bool _connecting;
    private ushort _nextHandle = 0x0040;

    /// <summary>ACL packets received from the host (each acknowledged with Number Of Completed Packets).</summary>
    public long AclPacketsReceived { get; private set; }

    public VirtualPeripheral? Find(BluetoothAddress address) => _peripherals.GetValueOrDefault(address);

    /// <summary>Handles the connection commands; false for any other opcode.</summary>
    public async Task<bool> TryHandleCommandAsync(ushort opcode, ReadOnlyMemory<byte> parameters, byte credits, CancellationToken cancellationToken)
    {
        var p = parameters.ToArray();
        switch (opcode)
        {
            case ConnectionCommands.LeCreateConnection:
                if (p.Length != 25)
                {
                    await CommandStatusAsync(opcode, credits, (byte)HciStatusCode.InvalidHciCommandParameters, cancellationToken);
                    return true;
                }

                if (_connecting)
                {
                    await CommandStatusAsync(opcode, credits, (byte)HciStatusCode.CommandDisallowed, cancellationToken);
                    return true;
                }

                await CommandStatusAsync(opcode, credits, 0, cancellationToken);
                var peer = BluetoothAddress.Read(p.AsSpan(6));
                if (_peripherals.TryGetValue(peer, out var peripheral) && peripheral.InRange)
                {
                    await ConnectAsync(peripheral, p[5], cancellationToken);
                }
                else
                {
                    // A real controller keeps initiating until the peer advertises or the host cancels.
                    _connecting = true;
                }

                return true;
            case ConnectionCommands.LeCreateConnectionCancel:
                if (!_connecting)
                {
                    await CommandCompleteAsync(opcode, credits, (byte)HciStatusCode.CommandDisallowed, cancellationToken);
                    return true;
                }

                _connecting = false;
                await CommandCompleteAsync(opcode, credits, 0, cancellationToken);
                await SendAsync(ConnectionComplete((byte)HciStatusCode.UnknownConnectionIdentifier, 0, 0, default), cancellationToken);
                return true;
            case ConnectionCommands.Disconnect:
                var handle = p.Length == 3 ? BinaryPrimitives.ReadUInt16LittleEndian(p) : (ushort)0xFFFF;
                if (!_links.ContainsKey(handle))
                {
                    await CommandStatusAsync(opcode, credits, (byte)HciStatusCode.UnknownConnectionIdentifier, cancellationToken);
                    return true;
                }

                await CommandStatusAsync(opcode, credits, 0, cancellationToken);
                await DropAsync(handle, ConnectionTerminatedByLocalHost, cancellationToken);
                return true;
            default:
                return false;
        }
    }

    /// <summary>One ACL packet from the host (header and data, no indicator).</summary>
    public async Task OnAclAsync(byte[] packet, CancellationToken cancellationToken)
    {
        AclPacketsReceived++;
        if (!AclPacket.TryRead(packet, out var handle, out var boundary, out _) || !_links.TryGetValue(handle, out var link))
        {
            return;
        }

        var frames = new List<(ushort Channel, byte[] Payload)>();
        AclPacket.TryRead(packet, out _, out _, out var data);
        link.Reassembler.Add(boundary != AclPacket.Continuing, data, (channel, payload) => frames.Add((channel, payload.ToArray())));

        // The packet has left the controller's buffer: give the host its credit back.
        await SendAsync(NumberOfCompletedPackets(handle, 1), cancellationToken);
        foreach (var (channel, payload) in frames)
        {
            if (channel != L2capChannels.Att)
            {
                continue;
            }

            var answer = link.Server.Handle(payload);
            if (link.Dropped)
            {
                await DropAsync(handle, (byte)HciStatusCode.ConnectionTimeout, cancellationToken);
                return;
            }

            if (answer is not null)
            {
                await SendFrameAsync(handle, answer, cancellationToken);
            }
        }
    }

    private async Task ConnectAsync(VirtualPeripheral peripheral, byte addressType, CancellationToken cancellationToken)
    {
        var handle = _nextHandle++;
        var link = new Link();
        link.Server = peripheral.CreateServer(() => link.Dropped = true);
        _links[handle] = link;
        peripheral.Connections++;
        await SendAsync(ConnectionComplete(0, handle, addressType, peripheral.Address), cancellationToken);
    }

    private async Task DropAsync(ushort handle, byte reason, CancellationToken cancellationToken)
    {
        _links.Remove(handle);
        var packet = new byte[7];
        packet[0] = (byte)H4PacketType.Event;
        packet[1] = (byte)HciEventCode.DisconnectionComplete;
        packet[2] = 4;
        packet[3] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(4), handle);
        packet[6] = reason;
        await SendAsync(packet, cancellationToken);
    }

    private async Task SendFrameAsync(ushort handle, byte[] payload, CancellationToken cancellationToken)
    {
        var frame = new byte[L2capReassembler.HeaderLength + payload.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(frame, (ushort)payload.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(2), L2capChannels.Att);
        payload.CopyTo(frame, L2capReassembler.HeaderLength);
        var packet = new byte[1 + AclPacket.HeaderLength + ReceiveFragment];
        for (var offset = 0; offset < frame.Length; offset += ReceiveFragment)
        {
            var chunk = frame.AsSpan(offset, Math.Min(ReceiveFragment, frame.Length - offset));
            var length = AclPacket.Write(packet, handle, offset == 0 ? AclPacket.FirstFlushable : AclPacket.Continuing, chunk);
            await SendAsync(packet.AsMemory(0, length).ToArray(), cancellationToken);
        }
    }

    private Task CommandStatusAsync(ushort opcode, byte credits, byte status, CancellationToken cancellationToken)
    {
        var packet = new byte[7];
        HciEventWriter.CommandStatus(packet, credits, opcode, status);
        return SendAsync(packet, cancellationToken);
    }

    private Task CommandCompleteAsync(ushort opcode, byte credits, byte status, CancellationToken cancellationToken)
    {
        var packet = new byte[7];
        HciEventWriter.CommandComplete(packet, credits, opcode, status, []);
        return SendAsync(packet, cancellationToken);
    }

    private Task SendAsync(byte[] packet, CancellationToken cancellationToken) => send(packet, cancellationToken);

    /// <summary>LE Connection Complete (subevent 0x01): status, handle, role 0x00 central, peer address type and address,
    /// interval 30 ms, latency 0, supervision timeout 4 s, central clock accuracy.</summary>
    private static byte[] ConnectionComplete(byte status, ushort handle, byte peerAddressType, BluetoothAddress peer)
    {
        var packet = new byte[3 + 19];
        packet[0] = (byte)H4PacketType.Event;
        packet[1] = (byte)HciEventCode.LeMeta;
        packet[2] = 19;
        packet[3] = 0x01;
        packet[4] = status;
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(5), handle);
        packet[7] = 0x00;
        packet[8] = peerAddressType;
        peer.Write(packet.AsSpan(9));
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(15), 0x0018);
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(17), 0);
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(19), 0x0190);
        packet[21] = 0x00;
        return packet;
    }

    private static byte[] NumberOfCompletedPackets(ushort handle, ushort count)
    {
        var packet = new byte[8];
        packet[0] = (byte)H4PacketType.Event;
        packet[1] = (byte)HciEventCode.NumberOfCompletedPackets;
        packet[2] = 5;
        packet[3] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(4), handle);
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(6), count);
        return packet;
    }

    private sealed class Link
    {
        public L2capReassembler Reassembler { get; } = new();

        public AttServer Server { get; set; } = null!;

        public bool Dropped { get; set; }
    }
}

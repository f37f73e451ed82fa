using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Tests.Hci;

public class H4PacketFramerTests
{
    // Command Complete for HCI_Reset with status success, as every controller sends after power-up.
    private static readonly byte[] ResetComplete = Convert.FromHexString("040E0401030C00");

    private readonly List<(H4PacketType Type, byte[] Bytes)> _packets = [];
    private readonly List<(HciInputError Kind, string Reason)> _errors = [];

    [Fact]
    public void A_packet_split_across_reads_is_delivered_once_whole()
    {
        var framer = new H4PacketFramer();
        foreach (var b in ResetComplete)
        {
            framer.Append([b], OnPacket, OnError);
        }

        var packet = Assert.Single(_packets);
        Assert.Equal(H4PacketType.Event, packet.Type);
        Assert.Equal(ResetComplete[1..], packet.Bytes);
        Assert.Empty(_errors);
    }

    [Fact]
    public void Several_packets_in_one_read_are_all_delivered()
    {
        var framer = new H4PacketFramer();
        framer.Append([.. ResetComplete, .. ResetComplete, .. ResetComplete], OnPacket, OnError);

        Assert.Equal(3, _packets.Count);
    }

    [Fact]
    public void A_garbage_byte_is_counted_and_skipped_and_the_next_packet_survives()
    {
        var framer = new H4PacketFramer();
        framer.Append([0x7E, .. ResetComplete], OnPacket, OnError);

        Assert.Single(_packets);
        var error = Assert.Single(_errors);
        Assert.Equal(HciInputError.UnknownPacketType, error.Kind);
        Assert.Contains("0x7E", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_acl_length_beyond_any_buffer_is_an_oversized_packet()
    {
        var framer = new H4PacketFramer();
        framer.Append([0x02, 0x01, 0x20, 0xFF, 0xFF, .. ResetComplete], OnPacket, OnError);

        Assert.Contains(_errors, e => e.Kind == HciInputError.OversizedPacket);
        Assert.Contains(_packets, p => p.Type == H4PacketType.Event);
    }

    [Fact]
    public void A_stream_ending_inside_a_packet_is_a_truncated_packet()
    {
        var framer = new H4PacketFramer();
        framer.Append(ResetComplete.AsSpan(0, 4), OnPacket, OnError);
        framer.Complete(OnError);

        Assert.Empty(_packets);
        Assert.Equal(HciInputError.TruncatedPacket, Assert.Single(_errors).Kind);
    }

    private void OnPacket(H4PacketType type, ReadOnlySpan<byte> packet) => _packets.Add((type, packet.ToArray()));

    private void OnError(HciInputError kind, string reason, ReadOnlySpan<byte> bytes) => _errors.Add((kind, reason));
}

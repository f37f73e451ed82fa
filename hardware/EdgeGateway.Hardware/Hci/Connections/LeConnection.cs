using System.Buffers.Binary;
using System.Threading.Channels;
using EdgeGateway.Hardware.Ble.L2cap;

namespace EdgeGateway.Hardware.Hci.Connections;

/// <summary>
/// One LE link: sends L2CAP basic frames cut into ACL fragments no larger than the controller's buffer (each
/// fragment waits for a buffer credit), reassembles what arrives, and queues frames of the ATT channel for
/// the ATT client. Closes (and fails its readers) when Disconnection Complete arrives.
/// </summary>
public sealed class LeConnection
{
    private readonly LeConnectionManager _manager;
    private readonly L2capReassembler _reassembler = new();
    private readonly Channel<byte[]> _att = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource<byte> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<ushort, ReadOnlyMemory<byte>> _onFrame;
    private long _framesDropped;

    internal LeConnection(LeConnectionManager manager, ushort handle, BluetoothAddress peer, byte peerAddressType, ushort interval)
    {
        _manager = manager;
        Handle = handle;
        Peer = peer;
        PeerAddressType = peerAddressType;
        Interval = interval;
        _onFrame = OnFrame;
    }

    public ushort Handle { get; }

    public BluetoothAddress Peer { get; }

    public byte PeerAddressType { get; }

    /// <summary>Connection interval in 1.25 ms units as the controller chose it.</summary>
    public ushort Interval { get; }

    /// <summary>Completes with the HCI reason when the link goes down.</summary>
    public Task<byte> Closed => _closed.Task;

    public bool IsOpen => !_closed.Task.IsCompleted;

    /// <summary>Fragments dropped by reassembly or frames on channels nobody listens to.</summary>
    public long FramesDropped => Interlocked.Read(ref _framesDropped);

    /// <summary>Sends one L2CAP basic frame on <paramref name="channel"/>.</summary>
    public Task SendAsync(ushort channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var frame = new byte[L2capReassembler.HeaderLength + payload.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(frame, (ushort)payload.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(2), channel);
        payload.Span.CopyTo(frame.AsSpan(L2capReassembler.HeaderLength));
        return _manager.SendFrameAsync(this, frame, cancellationToken);
    }

    /// <summary>The next ATT PDU from the peer. Throws <see cref="LeDisconnectedException"/> once the link is down.</summary>
    public async ValueTask<byte[]> ReceiveAttAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _att.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new LeDisconnectedException($"the link to {Peer} went down ({HciNames.StatusName(Closed.Result)})", Closed.Result);
        }
    }

    public Task DisconnectAsync(CancellationToken cancellationToken) => _manager.DisconnectAsync(this, cancellationToken);

    internal void OnAcl(byte boundary, ReadOnlySpan<byte> data)
    {
        if (_reassembler.Add(boundary != AclPacket.Continuing, data, _onFrame) is not null)
        {
            Interlocked.Increment(ref _framesDropped);
        }
    }

    internal void OnClosed(byte reason)
    {
        _att.Writer.TryComplete();
        _closed.TrySetResult(reason);
    }

    private void OnFrame(ushort channel, ReadOnlyMemory<byte> payload)
    {
        if (channel != L2capChannels.Att || !_att.Writer.TryWrite(payload.ToArray()))
        {
            // Signaling and SMP are not used by a configuration client; a peripheral asking for them gets no answer.
            Interlocked.Increment(ref _framesDropped);
        }
    }
}

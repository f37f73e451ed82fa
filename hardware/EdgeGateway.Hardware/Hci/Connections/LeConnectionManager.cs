using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace EdgeGateway.Hardware.Hci.Connections;

/// <summary>
/// LE connections as a central on an <see cref="HciHost"/> (attach with <see cref="Attach"/>): LE Create
/// Connection with a timeout that cancels the attempt (LE Create Connection Cancel, then the Connection Complete
/// with Unknown Connection Identifier it causes), Disconnect, and host-to-controller flow control: at most
/// LE_ACL_Data_Packets fragments in the controller at once, a credit returned per Number Of Completed Packets
/// and for every fragment still queued on a link that went down. One connection attempt at a time (controllers allow only one).
/// </summary>
public sealed class LeConnectionManager : IHciConnectionEvents, IDisposable
{
    private readonly HciHost _host;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _credits;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly ConcurrentDictionary<ushort, LeConnection> _links = new();
    private readonly ConcurrentDictionary<ushort, int> _inFlight = new();
    private readonly int _maxFragment;
    private TaskCompletionSource<LeConnection>? _pendingConnect;
    private BluetoothAddress _pendingPeer;

    /// <param name="aclDataLength">LE_ACL_Data_Packet_Length from LE Read Buffer Size [v1] (or the shared BR/EDR value).</param>
    /// <param name="aclPackets">Total_Num_LE_ACL_Data_Packets: how many fragments the controller can buffer.</param>
    public LeConnectionManager(HciHost host, int aclDataLength, int aclPackets, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(aclDataLength, 27);
        ArgumentOutOfRangeException.ThrowIfLessThan(aclPackets, 1);
        _host = host;
        _time = timeProvider ?? TimeProvider.System;
        _maxFragment = aclDataLength;
        _credits = new SemaphoreSlim(aclPackets, aclPackets);
        MaxCredits = aclPackets;
    }

    public int MaxCredits { get; }

    /// <summary>Buffer credits free right now (for tests and diagnostics).</summary>
    public int CreditsAvailable => _credits.CurrentCount;

    /// <summary>ACL packets that arrived for a handle with no connection, or malformed.</summary>
    public long AclDropped { get; private set; }

    /// <summary>Builds the manager from the controller's bring-up answers and attaches it to the host.</summary>
    public static LeConnectionManager Attach(HciHost host, ControllerInfo info, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(info);
        var manager = new LeConnectionManager(host, Math.Max((int)info.LeAclDataLength, 27), Math.Max((int)info.LeAclPackets, 1), timeProvider);
        host.Connections = manager;
        return manager;
    }

    /// <summary>
    /// Connects to <paramref name="peer"/>. When no Connection Complete arrives within <paramref name="timeout"/> the attempt
    /// is cancelled and <see cref="LeConnectionFailedException"/> with <see cref="LeConnectionFailedException.TimedOut"/> is thrown.
    /// </summary>
    public async Task<LeConnection> ConnectAsync(BluetoothAddress peer, byte peerAddressType, TimeSpan timeout, LeConnectionParameters? parameters,
        CancellationToken cancellationToken)
    {
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            var completion = new TaskCompletionSource<LeConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pendingPeer = peer;
            Volatile.Write(ref _pendingConnect, completion);
            try
            {
                await _host.SendCommandAsync(ConnectionCommands.CreateConnection(peer, peerAddressType, parameters ?? new LeConnectionParameters()), cancellationToken);
            }
            catch (HciException ex)
            {
                throw new LeConnectionFailedException($"the controller refused LE Create Connection to {peer}: {ex.StatusName}", false, ex.Status);
            }

            try
            {
                return await completion.Task.WaitAsync(timeout, _time, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                await CancelAttemptAsync(completion);
                if (completion.Task.IsCompletedSuccessfully)
                {
                    // The link came up in the same instant as the cancel: take it down again, the caller has given up.
                    await DisconnectQuietlyAsync(completion.Task.Result);
                }

                cancellationToken.ThrowIfCancellationRequested();
                throw new LeConnectionFailedException($"no connection to {peer} within {timeout.TotalSeconds:0.#} s (out of range or not connectable)", true, 0);
            }
        }
        finally
        {
            Volatile.Write(ref _pendingConnect, null);
            _connecting.Release();
        }
    }

    public async Task DisconnectAsync(LeConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!connection.IsOpen)
        {
            return;
        }

        try
        {
            await _host.SendCommandAsync(ConnectionCommands.DisconnectCommand(connection.Handle, ConnectionCommands.RemoteUserTerminated), cancellationToken);
        }
        catch (HciException ex) when (ex.Status == (byte)HciStatusCode.UnknownConnectionIdentifier)
        {
            // Already gone on the controller's side; its Disconnection Complete is on the way or came first.
            return;
        }

        await connection.Closed.WaitAsync(TimeSpan.FromSeconds(5), _time, cancellationToken);
    }

    void IHciConnectionEvents.OnAclData(ReadOnlySpan<byte> packet)
    {
        if (!AclPacket.TryRead(packet, out var handle, out var boundary, out var data) || !_links.TryGetValue(handle, out var link))
        {
            AclDropped++;
            return;
        }

        link.OnAcl(boundary, data);
    }

    bool IHciConnectionEvents.OnLeMeta(LeSubeventCode subevent, ReadOnlySpan<byte> p)
    {
        // LE Connection Complete (0x01, 18 bytes) and LE Enhanced Connection Complete [v1] (0x0A, 30 bytes: two RPAs before the interval).
        var enhanced = (byte)subevent == 0x0A;
        if ((byte)subevent != 0x01 && !enhanced)
        {
            return false;
        }

        if (p.Length < (enhanced ? 30 : 18))
        {
            return true;
        }

        var status = p[0];
        var handle = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(p[1..]) & 0x0FFF);
        var addressType = p[4];
        var address = BluetoothAddress.Read(p[5..]);
        var interval = BinaryPrimitives.ReadUInt16LittleEndian(p[(enhanced ? 23 : 11)..]);
        var waiting = Volatile.Read(ref _pendingConnect);
        if (status != 0)
        {
            waiting?.TrySetException(new LeConnectionFailedException($"connection to {_pendingPeer} failed: {HciNames.StatusName(status)}", false, status));
            return true;
        }

        var link = new LeConnection(this, handle, address, addressType, interval);
        _links[handle] = link;
        if (waiting is null || !waiting.TrySetResult(link))
        {
            // Nobody wants this link any more (the attempt timed out as it came up); DisconnectQuietlyAsync or the owner takes it down.
            _ = DisconnectQuietlyAsync(link);
        }

        return true;
    }

    void IHciConnectionEvents.OnEvent(HciEventCode code, ReadOnlySpan<byte> p)
    {
        if (code == HciEventCode.NumberOfCompletedPackets && p.Length >= 1)
        {
            // Num_Handles, then (Connection_Handle, Num_Completed_Packets) per handle.
            for (var i = 0; i < p[0] && p.Length >= 1 + ((i + 1) * 4); i++)
            {
                var handle = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(p[(1 + (i * 4))..]) & 0x0FFF);
                var count = BinaryPrimitives.ReadUInt16LittleEndian(p[(3 + (i * 4))..]);
                ReturnCredits(handle, count);
            }
        }
        else if (code == HciEventCode.DisconnectionComplete && p.Length >= 4 && p[0] == 0)
        {
            var handle = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(p[1..]) & 0x0FFF);
            if (_links.TryRemove(handle, out var link))
            {
                // Fragments still in the controller for this link are flushed: their credits come back without an event.
                ReturnCredits(handle, int.MaxValue);
                link.OnClosed(p[3]);
            }
        }
    }

    internal async Task SendFrameAsync(LeConnection link, byte[] frame, CancellationToken cancellationToken)
    {
        var packet = new byte[1 + AclPacket.HeaderLength + _maxFragment];
        for (var offset = 0; offset < frame.Length; offset += _maxFragment)
        {
            if (!link.IsOpen)
            {
                throw new LeDisconnectedException($"the link to {link.Peer} went down", link.Closed.Result);
            }

            await _credits.WaitAsync(cancellationToken);
            _inFlight.AddOrUpdate(link.Handle, 1, static (_, n) => n + 1);
            var chunk = frame.AsSpan(offset, Math.Min(_maxFragment, frame.Length - offset));
            var length = AclPacket.Write(packet, link.Handle, offset == 0 ? AclPacket.FirstNonFlushable : AclPacket.Continuing, chunk);
            await _host.WriteAclAsync(packet.AsMemory(0, length), cancellationToken);
        }
    }

    private void ReturnCredits(ushort handle, int count)
    {
        var returned = 0;
        _inFlight.AddOrUpdate(handle, 0, (_, n) =>
        {
            returned = Math.Min(n, count);
            return n - returned;
        });
        if (returned > 0)
        {
            _credits.Release(returned);
        }
    }

    private async Task CancelAttemptAsync(TaskCompletionSource<LeConnection> attempt)
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _host.SendCommandAsync(ConnectionCommands.CreateConnectionCancel(), quick.Token);
            await attempt.Task.WaitAsync(TimeSpan.FromSeconds(2), _time, CancellationToken.None);
        }
        catch (Exception ex) when (ex is HciException or TimeoutException or OperationCanceledException or LeConnectionFailedException)
        {
            // Command Disallowed means no attempt was pending any more; Unknown Connection Identifier is the normal answer.
        }
    }

    private async Task DisconnectQuietlyAsync(LeConnection link)
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await DisconnectAsync(link, quick.Token);
        }
        catch (Exception ex) when (ex is HciException or TimeoutException or OperationCanceledException or InvalidOperationException or IOException)
        {
            // Best effort: a link nobody owns is ended by the supervision timeout anyway.
        }
    }

    public void Dispose()
    {
        if (_host.Connections == this)
        {
            _host.Connections = null;
        }

        _credits.Dispose();
        _connecting.Dispose();
    }
}

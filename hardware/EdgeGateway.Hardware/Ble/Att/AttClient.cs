using System.Buffers.Binary;
using EdgeGateway.Hardware.Ble.L2cap;
using EdgeGateway.Hardware.Hci.Connections;

namespace EdgeGateway.Hardware.Ble.Att;

/// <summary>
/// The client end of ATT on one link (Core spec Vol 3, Part F): one request outstanding at a time, as the
/// protocol requires; the answer is the matching response or an Error Response, which becomes an
/// <see cref="AttErrorException"/> with a named <see cref="AttErrorCode"/>. Notifications arriving while a request waits
/// are skipped; indications are confirmed. A request unanswered within <see cref="Timeout"/> (the spec's 30 s transaction timeout
/// by default) throws <see cref="TimeoutException"/>: the bearer is then unusable and the link should be dropped.
/// </summary>
public sealed class AttClient(LeConnection connection, TimeProvider? timeProvider = null) : IDisposable
{
    /// <summary>ATT_MTU before any exchange (LE default).</summary>
    public const int DefaultMtu = 23;

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The ATT_MTU in force: min of both sides' receive MTU after <see cref="ExchangeMtuAsync"/>.</summary>
    public int Mtu { get; private set; } = DefaultMtu;

    public LeConnection Connection => connection;

    /// <summary>Exchange MTU: <c>02 xx xx</c> → <c>03 yy yy</c>; the MTU used is the smaller of the two.</summary>
    public async Task<int> ExchangeMtuAsync(ushort clientRxMtu, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clientRxMtu, (ushort)DefaultMtu);
        var request = new byte[3];
        request[0] = (byte)AttOpcode.ExchangeMtuRequest;
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(1), clientRxMtu);
        var response = await RequestAsync(request, cancellationToken);
        if (response.Length != 3)
        {
            throw new InvalidDataException($"Exchange MTU Response of {response.Length} bytes (expected 3)");
        }

        var server = BinaryPrimitives.ReadUInt16LittleEndian(response.AsSpan(1));
        Mtu = Math.Max(DefaultMtu, Math.Min((int)clientRxMtu, server));
        return Mtu;
    }

    /// <summary>Sends a request PDU and returns the response PDU (opcode included).</summary>
    public async Task<byte[]> RequestAsync(byte[] request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Length > Mtu)
        {
            throw new ArgumentException($"ATT request of {request.Length} bytes exceeds ATT_MTU {Mtu}", nameof(request));
        }

        var opcode = (AttOpcode)request[0];
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            using var timeout = new CancellationTokenSource(Timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await connection.SendAsync(L2capChannels.Att, request, linked.Token);
                while (true)
                {
                    var pdu = await connection.ReceiveAttAsync(linked.Token);
                    if (pdu.Length == 0)
                    {
                        continue;
                    }

                    switch ((AttOpcode)pdu[0])
                    {
                        case AttOpcode.ErrorResponse when pdu.Length == 5 && pdu[1] == (byte)opcode:
                            throw new AttErrorException(opcode, BinaryPrimitives.ReadUInt16LittleEndian(pdu.AsSpan(2)), (AttErrorCode)pdu[4]);
                        case AttOpcode.HandleValueIndication:
                            await connection.SendAsync(L2capChannels.Att, new[] { (byte)AttOpcode.HandleValueConfirmation }, linked.Token);
                            continue;
                        case var answer when (byte)answer == (byte)opcode + 1:
                            return pdu;
                        default:
                            // Notifications, or a late answer to a request we already gave up on.
                            continue;
                    }
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no ATT response to {opcode} within {Timeout.TotalSeconds:0.#} s");
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();
}

using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Hci;

/// <summary>
/// Cuts a byte stream into H4 packets (Core spec Vol 4, Part A): indicator byte, then the header of
/// that packet type whose length field says how much payload follows. Garbage or an impossible length
/// costs one byte: the framer skips the indicator and looks for the next plausible packet, so one bad
/// byte never takes the link down. Owns one fixed buffer; nothing is allocated per packet.
/// </summary>
public sealed class H4PacketFramer
{
    /// <summary>Largest ACL payload accepted: well above any controller's buffer (1021 bytes for 3-DH5).</summary>
    public const int MaxAclPayload = 4096;

    private readonly byte[] _buffer;
    private int _start;
    private int _end;

    private readonly bool _fromController;

    /// <param name="fromController">True on the host side: a controller never sends commands, so 0x01 is garbage there,
    /// which makes resynchronisation after a bad length much quicker.</param>
    /// <param name="bufferSize">Receive buffer; at least 32 KiB.</param>
    public H4PacketFramer(bool fromController = true, int bufferSize = 1 << 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1 << 15);
        _buffer = new byte[bufferSize];
        _fromController = fromController;
    }

    /// <summary>Bytes received but not yet framed.</summary>
    public int Buffered => _end - _start;

    /// <summary>Free space to read into; compacts first so a partial packet stays contiguous.</summary>
    public Memory<byte> GetWriteBuffer()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        return _buffer.AsMemory(_end);
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _end);
        _end += count;
    }

    /// <summary>Feeds bytes (copying them in): for callers that already hold the data.</summary>
    public void Append(ReadOnlySpan<byte> bytes, H4PacketHandler onPacket, HciInputErrorHandler onError)
    {
        while (!bytes.IsEmpty)
        {
            var space = GetWriteBuffer().Span;
            var n = Math.Min(space.Length, bytes.Length);
            bytes[..n].CopyTo(space);
            Advance(n);
            bytes = bytes[n..];
            Drain(onPacket, onError);
        }
    }

    /// <summary>Delivers every complete packet in the buffer.</summary>
    public void Drain(H4PacketHandler onPacket, HciInputErrorHandler onError)
    {
        ArgumentNullException.ThrowIfNull(onPacket);
        ArgumentNullException.ThrowIfNull(onError);
        while (_end > _start)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var type = (H4PacketType)available[0];
            var headerLength = type == H4PacketType.Command && _fromController ? 0 : HeaderLength(type);
            if (headerLength == 0)
            {
                onError(HciInputError.UnknownPacketType, $"0x{available[0]:X2} is not an H4 packet indicator", available[..1]);
                _start++;
                continue;
            }

            if (available.Length < 1 + headerLength)
            {
                return;
            }

            var payloadLength = PayloadLength(type, available.Slice(1, headerLength));
            if (type == H4PacketType.AclData && payloadLength > MaxAclPayload)
            {
                onError(HciInputError.OversizedPacket, $"ACL length {payloadLength} exceeds {MaxAclPayload}", available[..(1 + headerLength)]);
                _start++;
                continue;
            }

            var total = 1 + headerLength + payloadLength;
            if (total > _buffer.Length)
            {
                onError(HciInputError.OversizedPacket, $"packet of {total} bytes exceeds the {_buffer.Length}-byte receive buffer", available[..(1 + headerLength)]);
                _start++;
                continue;
            }

            if (available.Length < total)
            {
                return;
            }

            _start += total;
            onPacket(type, available[1..total]);
        }

        _start = _end = 0;
    }

    /// <summary>End of stream: a partial packet left over is a truncated packet.</summary>
    public void Complete(HciInputErrorHandler onError)
    {
        ArgumentNullException.ThrowIfNull(onError);
        if (_end > _start)
        {
            onError(HciInputError.TruncatedPacket, $"stream ended inside a packet ({_end - _start} bytes buffered)", _buffer.AsSpan(_start, _end - _start));
            _start = _end = 0;
        }
    }

    private static int HeaderLength(H4PacketType type) => type switch
    {
        H4PacketType.Command => 3,
        H4PacketType.AclData => 4,
        H4PacketType.SynchronousData => 3,
        H4PacketType.Event => 2,
        H4PacketType.IsoData => 4,
        _ => 0,
    };

    private static int PayloadLength(H4PacketType type, ReadOnlySpan<byte> header) => type switch
    {
        H4PacketType.Command => header[2],
        H4PacketType.AclData => BinaryPrimitives.ReadUInt16LittleEndian(header[2..]),
        H4PacketType.SynchronousData => header[2],
        H4PacketType.Event => header[1],
        H4PacketType.IsoData => BinaryPrimitives.ReadUInt16LittleEndian(header[2..]) & 0x3FFF,
        _ => 0,
    };
}

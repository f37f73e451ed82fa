using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Ble.L2cap;

/// <summary>
/// Rebuilds L2CAP basic frames (Core spec Vol 3, Part A, 3.1: length, channel id, payload) from ACL fragments:
/// a "first" fragment starts a frame whose header says how long it is; "continuing" fragments fill it.
/// A continuation without a start, or a new start before the frame is complete, drops what was collected and
/// says why, so one lost fragment costs one frame.
/// </summary>
public sealed class L2capReassembler(int maxFrame = 4096)
{
    public const int HeaderLength = 4;

    private readonly byte[] _frame = new byte[HeaderLength + maxFrame];
    private int _have;
    private int _need;

    /// <summary>Adds a fragment; <paramref name="onFrame"/> gets (channel id, payload) for each completed frame.
    /// Returns an error text when bytes had to be dropped, else null.</summary>
    public string? Add(bool first, ReadOnlySpan<byte> fragment, Action<ushort, ReadOnlyMemory<byte>> onFrame)
    {
        ArgumentNullException.ThrowIfNull(onFrame);
        string? error = null;
        if (first)
        {
            if (_need > 0)
            {
                error = $"new L2CAP frame began with {_need - _have} bytes of the previous one missing";
            }

            _have = 0;
            _need = 0;
        }
        else if (_need == 0)
        {
            return "continuation fragment without a start";
        }

        if (_have + fragment.Length > _frame.Length)
        {
            _have = _need = 0;
            return $"L2CAP frame larger than {_frame.Length - HeaderLength} bytes";
        }

        fragment.CopyTo(_frame.AsSpan(_have));
        _have += fragment.Length;
        if (_need == 0)
        {
            if (_have < HeaderLength)
            {
                // The header itself is split: rare but legal; wait for the rest.
                _need = int.MaxValue;
                return error;
            }
        }

        if (_have >= HeaderLength)
        {
            _need = HeaderLength + BinaryPrimitives.ReadUInt16LittleEndian(_frame);
            if (_need > _frame.Length)
            {
                _have = _need = 0;
                return "L2CAP length field exceeds the reassembly buffer";
            }
        }

        if (_have > _need)
        {
            _have = _need = 0;
            return "ACL fragments longer than the L2CAP length field";
        }

        if (_have == _need)
        {
            var channel = BinaryPrimitives.ReadUInt16LittleEndian(_frame.AsSpan(2));
            var payload = _frame.AsSpan(HeaderLength, _need - HeaderLength).ToArray();
            _have = _need = 0;
            onFrame(channel, payload);
        }

        return error;
    }
}

using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Ble.Decoders;

/// <summary>Eddystone-EID: TX power at 0 m and the 8-byte ephemeral identifier (resolving it needs the beacon's key; we do not).</summary>
public readonly record struct EddystoneEidFrame(sbyte TxPower, ulong Eid)
{
    public static FrameMatch TryParse(ReadOnlySpan<byte> frameBytes, out EddystoneEidFrame frame, out string? error)
    {
        frame = default;
        error = null;
        if (frameBytes.IsEmpty || frameBytes[0] != (byte)EddystoneFrameType.Eid)
        {
            return FrameMatch.None;
        }

        if (frameBytes.Length != 10)
        {
            error = $"Eddystone-EID frame is {frameBytes.Length} bytes, expected 10";
            return FrameMatch.Malformed;
        }

        frame = new EddystoneEidFrame((sbyte)frameBytes[1], BinaryPrimitives.ReadUInt64BigEndian(frameBytes[2..]));
        return FrameMatch.Decoded;
    }
}

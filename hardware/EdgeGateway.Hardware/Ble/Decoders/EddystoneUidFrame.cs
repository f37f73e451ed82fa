using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Ble.Decoders;

/// <summary>
/// Eddystone-UID: ranging data (TX power at 0 m, signed dBm), 10-byte namespace, 6-byte instance, and two
/// reserved bytes that many beacons leave out (accepted either way).
/// </summary>
public readonly record struct EddystoneUidFrame(sbyte TxPower, UInt128 Namespace, ulong Instance)
{
    /// <summary><paramref name="frame"/> bytes start at the frame type byte, after the 0xFEAA service UUID.</summary>
    public static FrameMatch TryParse(ReadOnlySpan<byte> frameBytes, out EddystoneUidFrame frame, out string? error)
    {
        frame = default;
        error = null;
        if (frameBytes.IsEmpty || frameBytes[0] != (byte)EddystoneFrameType.Uid)
        {
            return FrameMatch.None;
        }

        if (frameBytes.Length is not (18 or 20))
        {
            error = $"Eddystone-UID frame is {frameBytes.Length} bytes, expected 18 or 20";
            return FrameMatch.Malformed;
        }

        var ns = ((UInt128)BinaryPrimitives.ReadUInt16BigEndian(frameBytes[2..]) << 64) | BinaryPrimitives.ReadUInt64BigEndian(frameBytes[4..]);
        var instance = ((ulong)BinaryPrimitives.ReadUInt16BigEndian(frameBytes[12..]) << 32) | BinaryPrimitives.ReadUInt32BigEndian(frameBytes[14..]);
        frame = new EddystoneUidFrame((sbyte)frameBytes[1], ns, instance);
        return FrameMatch.Decoded;
    }
}

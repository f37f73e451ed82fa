using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Ble.Decoders;

/// <summary>
/// Apple iBeacon: manufacturer data of company 0x004C, type 0x02, length 0x15, then proximity UUID
/// (16 bytes), major and minor (big-endian), and the measured power at 1 m (signed dBm).
/// </summary>
public readonly record struct IBeaconFrame(UInt128 UuidValue, ushort Major, ushort Minor, sbyte TxPower)
{
    public const ushort AppleCompanyId = 0x004C;

    public Guid Uuid => Uuids.FromUInt128(UuidValue);

    /// <summary><paramref name="manufacturerData"/> is the data of an AD type 0xFF structure, company id first.</summary>
    public static FrameMatch TryParse(ReadOnlySpan<byte> manufacturerData, out IBeaconFrame frame, out string? error)
    {
        frame = default;
        error = null;
        if (manufacturerData.Length < 4 || BinaryPrimitives.ReadUInt16LittleEndian(manufacturerData) != AppleCompanyId
            || manufacturerData[2] != 0x02)
        {
            return FrameMatch.None;
        }

        if (manufacturerData[3] != 0x15 || manufacturerData.Length != 25)
        {
            error = $"iBeacon data is {manufacturerData.Length - 4} bytes with length byte 0x{manufacturerData[3]:X2}, expected 21 bytes (0x15)";
            return FrameMatch.Malformed;
        }

        frame = new IBeaconFrame(
            BinaryPrimitives.ReadUInt128BigEndian(manufacturerData[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(manufacturerData[20..]),
            BinaryPrimitives.ReadUInt16BigEndian(manufacturerData[22..]),
            (sbyte)manufacturerData[24]);
        return FrameMatch.Decoded;
    }
}

using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Ble.Decoders;

/// <summary>
/// AltBeacon (open specification, github.com/AltBeacon/spec): manufacturer data of any company, beacon
/// code 0xBEAC, a 20-byte beacon id (read here as id1 = 16-byte UUID, id2 and id3 = 16-bit big-endian,
/// the split every AltBeacon library uses), reference RSSI at 1 m, one manufacturer-reserved byte.
/// </summary>
public readonly record struct AltBeaconFrame(ushort Manufacturer, UInt128 Id1Value, ushort Id2, ushort Id3, sbyte ReferenceRssi, byte Reserved)
{
    public Guid Id1 => Uuids.FromUInt128(Id1Value);

    public static FrameMatch TryParse(ReadOnlySpan<byte> manufacturerData, out AltBeaconFrame frame, out string? error)
    {
        frame = default;
        error = null;
        if (manufacturerData.Length < 4 || manufacturerData[2] != 0xBE || manufacturerData[3] != 0xAC)
        {
            return FrameMatch.None;
        }

        if (manufacturerData.Length != 26)
        {
            error = $"AltBeacon data is {manufacturerData.Length - 2} bytes after the company id, expected 24";
            return FrameMatch.Malformed;
        }

        frame = new AltBeaconFrame(
            BinaryPrimitives.ReadUInt16LittleEndian(manufacturerData),
            BinaryPrimitives.ReadUInt128BigEndian(manufacturerData[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(manufacturerData[20..]),
            BinaryPrimitives.ReadUInt16BigEndian(manufacturerData[22..]),
            (sbyte)manufacturerData[24],
            manufacturerData[25]);
        return FrameMatch.Decoded;
    }
}

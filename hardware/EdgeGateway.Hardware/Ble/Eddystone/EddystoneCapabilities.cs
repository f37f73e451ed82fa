using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Ble.Eddystone;

/// <summary>
/// The capabilities characteristic: spec version, max slots, max EID slots, a bit field (0x01 variable
/// interval per slot, 0x02 variable TX power per slot), supported frame types (big-endian uint16: 0x0001 UID,
/// 0x0002 URL, 0x0004 TLM, 0x0008 EID), then the supported radio TX power levels in dBm, ascending.
/// </summary>
public sealed record EddystoneCapabilities(byte Version, byte MaxSlots, byte MaxEidSlots, byte Flags, ushort FrameTypes, IReadOnlyList<sbyte> TxPowerLevels)
{
    public const int FixedLength = 6;

    public static EddystoneCapabilities Parse(ReadOnlySpan<byte> value)
    {
        if (value.Length < FixedLength + 1)
        {
            throw new InvalidDataException($"capabilities value of {value.Length} bytes (at least {FixedLength + 1} expected)");
        }

        var levels = new sbyte[value.Length - FixedLength];
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = (sbyte)value[FixedLength + i];
        }

        return new EddystoneCapabilities(value[0], value[1], value[2], value[3], BinaryPrimitives.ReadUInt16BigEndian(value[4..]), levels);
    }

    public byte[] ToBytes()
    {
        var value = new byte[FixedLength + TxPowerLevels.Count];
        value[0] = Version;
        value[1] = MaxSlots;
        value[2] = MaxEidSlots;
        value[3] = Flags;
        BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(4), FrameTypes);
        for (var i = 0; i < TxPowerLevels.Count; i++)
        {
            value[FixedLength + i] = (byte)TxPowerLevels[i];
        }

        return value;
    }

    /// <summary>The level a beacon picks for <paramref name="requested"/>: the lowest supported level at or above it, else the highest.</summary>
    public sbyte RoundUp(int requested)
    {
        foreach (var level in TxPowerLevels.Order())
        {
            if (level >= requested)
            {
                return level;
            }
        }

        return TxPowerLevels.Max();
    }
}

using System.Buffers.Binary;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Ble.Decoders;

/// <summary>
/// Ruuvi data format 5 (RAWv2, docs.ruuvi.com): manufacturer data of company 0x0499 with 24 bytes:
/// format 5, temperature (int16, 0.005 °C), humidity (uint16, 0.0025 %), pressure (uint16, Pa - 50000),
/// acceleration X/Y/Z (int16, mG), power info (11 bits battery mV above 1600, 5 bits TX power in 2 dBm
/// steps above -40), movement counter, measurement sequence, MAC. Each field has an all-ones (or
/// 0x8000 for signed) "invalid" value, which reads as null here.
/// </summary>
public readonly record struct RuuviRawV2Frame(
    short TemperatureRaw,
    ushort HumidityRaw,
    ushort PressureRaw,
    short AccelXRaw,
    short AccelYRaw,
    short AccelZRaw,
    ushort PowerRaw,
    byte MovementRaw,
    ushort SequenceRaw,
    BluetoothAddress Mac)
{
    public const ushort RuuviCompanyId = 0x0499;

    public double? TemperatureC => TemperatureRaw == short.MinValue ? null : TemperatureRaw * 0.005;

    public double? HumidityPct => HumidityRaw == ushort.MaxValue ? null : HumidityRaw * 0.0025;

    public int? PressurePa => PressureRaw == ushort.MaxValue ? null : PressureRaw + 50_000;

    public double? AccelXG => Accel(AccelXRaw);

    public double? AccelYG => Accel(AccelYRaw);

    public double? AccelZG => Accel(AccelZRaw);

    public int? BatteryMv => (PowerRaw >> 5) == 0x7FF ? null : (PowerRaw >> 5) + 1600;

    public int? TxPower => (PowerRaw & 0x1F) == 0x1F ? null : ((PowerRaw & 0x1F) * 2) - 40;

    public int? Movement => MovementRaw == byte.MaxValue ? null : MovementRaw;

    public int? Sequence => SequenceRaw == ushort.MaxValue ? null : SequenceRaw;

    /// <summary>False when the MAC field is all ones (the format's invalid marker).</summary>
    public bool HasMac => Mac.Value != 0xFFFF_FFFF_FFFF;

    public static FrameMatch TryParse(ReadOnlySpan<byte> manufacturerData, out RuuviRawV2Frame frame, out string? error)
    {
        frame = default;
        error = null;
        if (manufacturerData.Length < 3 || BinaryPrimitives.ReadUInt16LittleEndian(manufacturerData) != RuuviCompanyId || manufacturerData[2] != 5)
        {
            return FrameMatch.None;
        }

        if (manufacturerData.Length != 26)
        {
            error = $"Ruuvi RAWv2 payload is {manufacturerData.Length - 2} bytes, expected 24";
            return FrameMatch.Malformed;
        }

        var p = manufacturerData[2..];
        var macValue = ((ulong)BinaryPrimitives.ReadUInt16BigEndian(p[18..]) << 32) | BinaryPrimitives.ReadUInt32BigEndian(p[20..]);
        frame = new RuuviRawV2Frame(
            BinaryPrimitives.ReadInt16BigEndian(p[1..]),
            BinaryPrimitives.ReadUInt16BigEndian(p[3..]),
            BinaryPrimitives.ReadUInt16BigEndian(p[5..]),
            BinaryPrimitives.ReadInt16BigEndian(p[7..]),
            BinaryPrimitives.ReadInt16BigEndian(p[9..]),
            BinaryPrimitives.ReadInt16BigEndian(p[11..]),
            BinaryPrimitives.ReadUInt16BigEndian(p[13..]),
            p[15],
            BinaryPrimitives.ReadUInt16BigEndian(p[16..]),
            new BluetoothAddress(macValue));
        return FrameMatch.Decoded;
    }

    private static double? Accel(short raw) => raw == short.MinValue ? null : raw / 1000.0;
}

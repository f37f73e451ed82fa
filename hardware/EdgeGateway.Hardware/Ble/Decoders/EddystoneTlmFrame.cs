using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Ble.Decoders;

/// <summary>
/// Eddystone-TLM, unencrypted (version 0x00): battery mV (0 = not supported), temperature as signed 8.8
/// fixed point in °C (0x8000 = not supported), advertising PDU count since boot, uptime in 0.1 s units.
/// </summary>
public readonly record struct EddystoneTlmFrame(ushort BatteryRaw, short TemperatureRaw, uint AdvertisingCount, uint UptimeTenths)
{
    public const short TemperatureNotSupported = unchecked((short)0x8000);

    public int? BatteryMv => BatteryRaw == 0 ? null : BatteryRaw;

    public double? TemperatureC => TemperatureRaw == TemperatureNotSupported ? null : TemperatureRaw / 256.0;

    public double UptimeSeconds => UptimeTenths / 10.0;

    public static FrameMatch TryParse(ReadOnlySpan<byte> frameBytes, out EddystoneTlmFrame frame, out string? error)
    {
        frame = default;
        error = null;
        if (frameBytes.IsEmpty || frameBytes[0] != (byte)EddystoneFrameType.Tlm)
        {
            return FrameMatch.None;
        }

        if (frameBytes.Length < 2)
        {
            error = "Eddystone-TLM frame without a version byte";
            return FrameMatch.Malformed;
        }

        if (frameBytes[1] != 0x00)
        {
            error = frameBytes[1] == 0x01
                ? "encrypted Eddystone-TLM (version 0x01) needs the beacon's key and is not decoded"
                : $"Eddystone-TLM version 0x{frameBytes[1]:X2} is unknown";
            return FrameMatch.Malformed;
        }

        if (frameBytes.Length != 14)
        {
            error = $"Eddystone-TLM frame is {frameBytes.Length} bytes, expected 14";
            return FrameMatch.Malformed;
        }

        frame = new EddystoneTlmFrame(
            BinaryPrimitives.ReadUInt16BigEndian(frameBytes[2..]),
            BinaryPrimitives.ReadInt16BigEndian(frameBytes[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(frameBytes[6..]),
            BinaryPrimitives.ReadUInt32BigEndian(frameBytes[10..]));
        return FrameMatch.Decoded;
    }
}

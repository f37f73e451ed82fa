using System.Buffers.Binary;
using System.Globalization;
using EdgeGateway.Hardware.Ble.Decoders;

namespace EdgeGateway.Hardware.Ble.Encoders;

/// <summary>
/// Unencrypted Eddystone-TLM advertising data (frame type 0x20, version 0x00): battery mV, temperature in
/// signed 8.8 fixed point °C, advertising PDU count and uptime in 0.1 s, all big-endian. 25 bytes.
/// </summary>
public static class EddystoneTlmEncoder
{
    public const int Length = EddystoneServiceData.HeaderLength + FrameLength;

    private const int FrameLength = 14;

    /// <summary>8.8 fixed point, without 0x8000 which means "not supported".</summary>
    private const double MinTemperatureC = -32767 / 256.0;

    private const double MaxTemperatureC = 32767 / 256.0;

    public static int Write(Span<byte> destination, in EddystoneTlmFrame tlm)
    {
        var frame = EddystoneServiceData.WriteHeader(destination, FrameLength);
        frame[0] = (byte)EddystoneFrameType.Tlm;
        frame[1] = 0x00;
        BinaryPrimitives.WriteUInt16BigEndian(frame[2..], tlm.BatteryRaw);
        BinaryPrimitives.WriteInt16BigEndian(frame[4..], tlm.TemperatureRaw);
        BinaryPrimitives.WriteUInt32BigEndian(frame[6..], tlm.AdvertisingCount);
        BinaryPrimitives.WriteUInt32BigEndian(frame[10..], tlm.UptimeTenths);
        return Length;
    }

    /// <summary>Builds the raw frame from readings; null battery or temperature become the spec's "not supported" values (0, 0x8000).</summary>
    public static EddystoneTlmFrame ToFrame(int? batteryMv, double? temperatureC, uint advertisingCount, uint uptimeTenths)
    {
        if (batteryMv is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(batteryMv), batteryMv, "battery voltage must be 1..65535 mV (0 means not supported: pass null)");
        }

        if (temperatureC is { } t && (double.IsNaN(t) || t < MinTemperatureC || t > MaxTemperatureC))
        {
            throw new ArgumentOutOfRangeException(nameof(temperatureC), temperatureC,
                string.Create(CultureInfo.InvariantCulture, $"temperature must be {MinTemperatureC:0.###}..{MaxTemperatureC:0.###} °C to fit 8.8 fixed point"));
        }

        var temperature = temperatureC is { } c ? (short)Math.Round(c * 256) : EddystoneTlmFrame.TemperatureNotSupported;
        return new EddystoneTlmFrame((ushort)(batteryMv ?? 0), temperature, advertisingCount, uptimeTenths);
    }

    public static byte[] Encode(in EddystoneTlmFrame tlm)
    {
        Span<byte> data = stackalloc byte[Length];
        return LegacyAdvertisingData.Checked(data[..Write(data, tlm)]);
    }
}

using System.Buffers.Binary;
using EdgeGateway.Hardware.Ble.Decoders;
using EdgeGateway.Hardware.Ble.Encoders;

namespace EdgeGateway.Hardware.Emulation.Controller;

/// <summary>
/// Writes the advertising data real beacons send, byte for byte per format (Flags first, as the
/// formats require). Each method returns the number of bytes written (at most 31). The formats the own advertiser
/// also sends come from the production encoders, so the emulator and the gateway cannot drift apart.
/// </summary>
public static class AdvertisingDataWriter
{
    private const int FlagsLength = 3;

    public static int IBeacon(Span<byte> data, Guid uuid, ushort major, ushort minor, sbyte measuredPower) =>
        IBeaconEncoder.Write(data, uuid, major, minor, measuredPower);

    public static int AltBeacon(Span<byte> data, ushort manufacturer, Guid id1, ushort id2, ushort id3, sbyte referenceRssi)
    {
        var n = Flags(data);
        data[n++] = 0x1B;
        data[n++] = 0xFF;
        BinaryPrimitives.WriteUInt16LittleEndian(data[n..], manufacturer);
        n += 2;
        data[n++] = 0xBE;
        data[n++] = 0xAC;
        BinaryPrimitives.WriteUInt128BigEndian(data[n..], Uuids.ToUInt128(id1));
        n += 16;
        BinaryPrimitives.WriteUInt16BigEndian(data[n..], id2);
        BinaryPrimitives.WriteUInt16BigEndian(data[(n + 2)..], id3);
        data[n + 4] = (byte)referenceRssi;
        data[n + 5] = 0;
        return n + 6;
    }

    public static int EddystoneUid(Span<byte> data, sbyte txPowerAt0M, UInt128 ns, ulong instance) =>
        EddystoneUidEncoder.Write(data, txPowerAt0M, ns, instance);

    public static int EddystoneUrl(Span<byte> data, in EddystoneUrlFrame url) => EddystoneUrlEncoder.Write(data, url);

    /// <summary>Plain TLM; null battery or temperature writes the spec's "not supported" values, as does a drained (0 mV) battery.</summary>
    public static int EddystoneTlm(Span<byte> data, int? batteryMv, double? temperatureC, uint advCount, uint uptimeTenths) =>
        EddystoneTlmEncoder.Write(data, EddystoneTlmEncoder.ToFrame(batteryMv is > 0 and <= ushort.MaxValue ? batteryMv : null, temperatureC, advCount, uptimeTenths));

    public static int EddystoneEid(Span<byte> data, sbyte txPowerAt0M, ulong eid)
    {
        var frame = EddystoneHeader(data, 10, out var n);
        frame[0] = 0x30;
        frame[1] = (byte)txPowerAt0M;
        BinaryPrimitives.WriteUInt64BigEndian(frame[2..], eid);
        return n + 10;
    }

    /// <summary>Ruuvi RAWv2 with every field valid; values are clamped into the format's ranges.</summary>
    public static int RuuviRawV2(Span<byte> data, double temperatureC, double humidityPct, int pressurePa, (double X, double Y, double Z) accelG,
        int batteryMv, int txPower, byte movement, ushort sequence, ulong mac)
    {
        var n = Flags(data);
        data[n++] = 0x1B;
        data[n++] = 0xFF;
        BinaryPrimitives.WriteUInt16LittleEndian(data[n..], RuuviRawV2Frame.RuuviCompanyId);
        n += 2;
        var p = data[n..];
        p[0] = 5;
        BinaryPrimitives.WriteInt16BigEndian(p[1..], (short)Math.Clamp(Math.Round(temperatureC / 0.005), -32767, 32767));
        BinaryPrimitives.WriteUInt16BigEndian(p[3..], (ushort)Math.Clamp(Math.Round(humidityPct / 0.0025), 0, 65534));
        BinaryPrimitives.WriteUInt16BigEndian(p[5..], (ushort)Math.Clamp(pressurePa - 50_000, 0, 65534));
        BinaryPrimitives.WriteInt16BigEndian(p[7..], (short)Math.Clamp(Math.Round(accelG.X * 1000), -32767, 32767));
        BinaryPrimitives.WriteInt16BigEndian(p[9..], (short)Math.Clamp(Math.Round(accelG.Y * 1000), -32767, 32767));
        BinaryPrimitives.WriteInt16BigEndian(p[11..], (short)Math.Clamp(Math.Round(accelG.Z * 1000), -32767, 32767));
        var battery = Math.Clamp(batteryMv - 1600, 0, 2046);
        var tx = Math.Clamp((txPower + 40) / 2, 0, 30);
        BinaryPrimitives.WriteUInt16BigEndian(p[13..], (ushort)((battery << 5) | tx));
        p[15] = Math.Min(movement, (byte)254);
        BinaryPrimitives.WriteUInt16BigEndian(p[16..], Math.Min(sequence, (ushort)65534));
        BinaryPrimitives.WriteUInt16BigEndian(p[18..], (ushort)(mac >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(p[20..], (uint)mac);
        return n + 24;
    }

    /// <summary>LE General Discoverable, BR/EDR not supported: the flags every beacon format starts with.</summary>
    private static int Flags(Span<byte> data)
    {
        data[0] = 0x02;
        data[1] = 0x01;
        data[2] = 0x06;
        return FlagsLength;
    }

    /// <summary>Flags, Complete 16-bit UUIDs = 0xFEAA, then a Service Data header; returns the span for the frame itself.</summary>
    private static Span<byte> EddystoneHeader(Span<byte> data, int frameLength, out int written)
    {
        var n = Flags(data);
        data[n++] = 0x03;
        data[n++] = 0x03;
        data[n++] = 0xAA;
        data[n++] = 0xFE;
        data[n++] = (byte)(frameLength + 3);
        data[n++] = 0x16;
        data[n++] = 0xAA;
        data[n++] = 0xFE;
        written = n;
        return data[n..];
    }
}

using System.Buffers.Binary;
using EdgeGateway.Hardware.Ble.Decoders;

namespace EdgeGateway.Hardware.Ble;

/// <summary>
/// Runs the frame decoders over the AD structures of one advertisement. Unknown AD types and unknown
/// manufacturers are skipped; a structure that claims a known format but is malformed, or an AD
/// length that overruns, yields a reason. Frames decoded before the problem are kept.
/// </summary>
public static class AdvertisementDecoder
{
    private const ushort EddystoneServiceUuid = 0xFEAA;

    /// <summary>Decodes <paramref name="data"/>; returns null when every structure was well formed, else the first reason.</summary>
    public static string? Decode(ReadOnlySpan<byte> data, out Advertisement advertisement)
    {
        advertisement = default;
        string? firstError = null;
        var reader = new AdStructureReader(data);
        while (reader.TryRead(out var ad))
        {
            string? error = null;
            switch ((AdvertisingDataType)ad.Type)
            {
                case AdvertisingDataType.ManufacturerSpecificData:
                    error = DecodeManufacturer(ad.Data, ref advertisement);
                    break;
                case AdvertisingDataType.ServiceData16:
                    error = DecodeServiceData(ad.Data, ref advertisement);
                    break;
                case AdvertisingDataType.TxPowerLevel:
                    if (ad.Data.Length == 1)
                    {
                        advertisement.TxPowerLevel = (sbyte)ad.Data[0];
                    }
                    else
                    {
                        error = $"TX Power Level structure is {ad.Data.Length} bytes, expected 1";
                    }

                    break;
            }

            firstError ??= error;
        }

        return firstError ?? reader.Error;
    }

    private static string? DecodeManufacturer(ReadOnlySpan<byte> data, ref Advertisement advertisement)
    {
        if (data.Length < 2)
        {
            return "manufacturer data shorter than its 2-byte company id";
        }

        string? error;
        switch (IBeaconFrame.TryParse(data, out var ibeacon, out error))
        {
            case FrameMatch.Decoded:
                advertisement.IBeacon = ibeacon;
                advertisement.Frames |= BeaconFrameKinds.IBeacon;
                return null;
            case FrameMatch.Malformed:
                return error;
        }

        switch (RuuviRawV2Frame.TryParse(data, out var ruuvi, out error))
        {
            case FrameMatch.Decoded:
                advertisement.Ruuvi = ruuvi;
                advertisement.Frames |= BeaconFrameKinds.Ruuvi;
                return null;
            case FrameMatch.Malformed:
                return error;
        }

        switch (AltBeaconFrame.TryParse(data, out var alt, out error))
        {
            case FrameMatch.Decoded:
                advertisement.AltBeacon = alt;
                advertisement.Frames |= BeaconFrameKinds.AltBeacon;
                return null;
            default:
                return error;
        }
    }

    private static string? DecodeServiceData(ReadOnlySpan<byte> data, ref Advertisement advertisement)
    {
        if (data.Length < 2)
        {
            return "service data shorter than its 16-bit UUID";
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(data) != EddystoneServiceUuid)
        {
            return null;
        }

        var frame = data[2..];
        if (frame.IsEmpty)
        {
            return "Eddystone service data without a frame type";
        }

        string? error;
        switch ((EddystoneFrameType)frame[0])
        {
            case EddystoneFrameType.Uid:
                if (EddystoneUidFrame.TryParse(frame, out var uid, out error) == FrameMatch.Decoded)
                {
                    advertisement.EddystoneUid = uid;
                    advertisement.Frames |= BeaconFrameKinds.EddystoneUid;
                }

                return error;
            case EddystoneFrameType.Url:
                if (EddystoneUrlFrame.TryParse(frame, out var url, out error) == FrameMatch.Decoded)
                {
                    advertisement.EddystoneUrl = url;
                    advertisement.Frames |= BeaconFrameKinds.EddystoneUrl;
                }

                return error;
            case EddystoneFrameType.Tlm:
                if (EddystoneTlmFrame.TryParse(frame, out var tlm, out error) == FrameMatch.Decoded)
                {
                    advertisement.EddystoneTlm = tlm;
                    advertisement.Frames |= BeaconFrameKinds.EddystoneTlm;
                }

                return error;
            case EddystoneFrameType.Eid:
                if (EddystoneEidFrame.TryParse(frame, out var eid, out error) == FrameMatch.Decoded)
                {
                    advertisement.EddystoneEid = eid;
                    advertisement.Frames |= BeaconFrameKinds.EddystoneEid;
                }

                return error;
            default:
                return $"Eddystone frame type 0x{frame[0]:X2} is unknown";
        }
    }
}

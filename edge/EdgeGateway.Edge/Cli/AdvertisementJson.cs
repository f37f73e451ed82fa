using System.Globalization;
using System.Text.Json;
using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Ble.Decoders;

namespace EdgeGateway.Edge.Cli;

/// <summary>
/// The `edgegw decode` output object for one advertisement: one key per decoded frame, values omitted
/// when the beacon marks them unsupported. UUIDs lower-case with dashes, other ids lower-case hex.
/// </summary>
internal static class AdvertisementJson
{
    public static void WriteFrames(Utf8JsonWriter json, in Advertisement ad)
    {
        if (ad.Has(BeaconFrameKinds.IBeacon))
        {
            json.WriteStartObject("ibeacon");
            json.WriteString("uuid", ad.IBeacon.Uuid.ToString("D"));
            json.WriteNumber("major", ad.IBeacon.Major);
            json.WriteNumber("minor", ad.IBeacon.Minor);
            json.WriteNumber("txPower", ad.IBeacon.TxPower);
            json.WriteEndObject();
        }

        if (ad.Has(BeaconFrameKinds.AltBeacon))
        {
            json.WriteStartObject("altbeacon");
            json.WriteString("id1", ad.AltBeacon.Id1.ToString("D"));
            json.WriteNumber("id2", ad.AltBeacon.Id2);
            json.WriteNumber("id3", ad.AltBeacon.Id3);
            json.WriteNumber("txPower", ad.AltBeacon.ReferenceRssi);
            json.WriteNumber("manufacturer", ad.AltBeacon.Manufacturer);
            json.WriteNumber("reserved", ad.AltBeacon.Reserved);
            json.WriteEndObject();
        }

        if (ad.Has(BeaconFrameKinds.EddystoneUid))
        {
            json.WriteStartObject("eddystoneUid");
            json.WriteString("namespace", ad.EddystoneUid.Namespace.ToString("x20", CultureInfo.InvariantCulture));
            json.WriteString("instance", ad.EddystoneUid.Instance.ToString("x12", CultureInfo.InvariantCulture));
            json.WriteNumber("txPower", ad.EddystoneUid.TxPower);
            json.WriteEndObject();
        }

        if (ad.Has(BeaconFrameKinds.EddystoneUrl))
        {
            json.WriteStartObject("eddystoneUrl");
            json.WriteString("url", ad.EddystoneUrl.ToUrl());
            json.WriteNumber("txPower", ad.EddystoneUrl.TxPower);
            json.WriteEndObject();
        }

        if (ad.Has(BeaconFrameKinds.EddystoneTlm))
        {
            var tlm = ad.EddystoneTlm;
            json.WriteStartObject("eddystoneTlm");
            Optional(json, "batteryMv", tlm.BatteryMv);
            Optional(json, "temperatureC", tlm.TemperatureC, 4);
            json.WriteNumber("advCount", tlm.AdvertisingCount);
            json.WriteNumber("uptimeS", tlm.UptimeSeconds);
            json.WriteEndObject();
        }

        if (ad.Has(BeaconFrameKinds.EddystoneEid))
        {
            json.WriteStartObject("eddystoneEid");
            json.WriteString("eid", ad.EddystoneEid.Eid.ToString("x16", CultureInfo.InvariantCulture));
            json.WriteNumber("txPower", ad.EddystoneEid.TxPower);
            json.WriteEndObject();
        }

        if (ad.Has(BeaconFrameKinds.Ruuvi))
        {
            WriteRuuvi(json, ad.Ruuvi);
        }
    }

    private static void WriteRuuvi(Utf8JsonWriter json, in RuuviRawV2Frame ruuvi)
    {
        json.WriteStartObject("ruuvi");
        Optional(json, "temperatureC", ruuvi.TemperatureC, 3);
        Optional(json, "humidityPct", ruuvi.HumidityPct, 4);
        Optional(json, "pressurePa", ruuvi.PressurePa);
        if (ruuvi.AccelXG is not null || ruuvi.AccelYG is not null || ruuvi.AccelZG is not null)
        {
            json.WriteStartArray("accelG");
            foreach (var axis in new[] { ruuvi.AccelXG, ruuvi.AccelYG, ruuvi.AccelZG })
            {
                if (axis is { } g)
                {
                    json.WriteNumberValue(Math.Round(g, 3));
                }
                else
                {
                    json.WriteNullValue();
                }
            }

            json.WriteEndArray();
        }

        Optional(json, "batteryMv", ruuvi.BatteryMv);
        Optional(json, "txPower", ruuvi.TxPower);
        Optional(json, "movement", ruuvi.Movement);
        Optional(json, "sequence", ruuvi.Sequence);
        if (ruuvi.HasMac)
        {
            json.WriteString("mac", ruuvi.Mac.ToString());
        }

        json.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    private static void Optional(Utf8JsonWriter json, string name, double? value, int digits)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, digits));
        }
    }
}

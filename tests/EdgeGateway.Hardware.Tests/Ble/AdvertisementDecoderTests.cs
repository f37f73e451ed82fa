using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Tests.Ble;

/// <summary>
/// Vectors built from the public specifications (Apple's iBeacon layout, the AltBeacon spec's example,
/// Google's Eddystone protocol specification and its URL code table, Ruuvi's data format 5 test vectors).
/// </summary>
public class AdvertisementDecoderTests
{
    [Fact]
    public void IBeacon_from_the_airlocate_default_uuid()
    {
        var ad = Decode("020106" + "1AFF4C000215" + "E2C56DB5DFFB48D2B060D0F5A71096E0" + "0001" + "0002" + "C5");
        Assert.True(ad.Has(BeaconFrameKinds.IBeacon));
        Assert.Equal(Guid.Parse("e2c56db5-dffb-48d2-b060-d0f5a71096e0"), ad.IBeacon.Uuid);
        Assert.Equal(1, ad.IBeacon.Major);
        Assert.Equal(2, ad.IBeacon.Minor);
        Assert.Equal(-59, ad.IBeacon.TxPower);
        Assert.Equal("ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2", ad.Identity(default).ToString());
        Assert.Equal(-59, ad.MeasuredPowerAt1M);
    }

    [Fact]
    public void IBeacon_with_a_short_payload_is_malformed_with_a_reason()
    {
        Assert.Contains("expected 21 bytes", DecodeError("16FF4C000215E2C56DB5DFFB48D2B060D0F5A71096E00001"), StringComparison.Ordinal);
    }

    [Fact]
    public void AltBeacon_example_from_the_specification()
    {
        var ad = Decode("1BFF1801BEAC" + "2F234454CF6D4A0FADF2F4911BA9FFA6" + "0001" + "0002" + "C5" + "00");
        Assert.True(ad.Has(BeaconFrameKinds.AltBeacon));
        Assert.Equal(0x0118, ad.AltBeacon.Manufacturer);
        Assert.Equal(Guid.Parse("2f234454-cf6d-4a0f-adf2-f4911ba9ffa6"), ad.AltBeacon.Id1);
        Assert.Equal(1, ad.AltBeacon.Id2);
        Assert.Equal(2, ad.AltBeacon.Id3);
        Assert.Equal(-59, ad.AltBeacon.ReferenceRssi);
    }

    [Fact]
    public void Eddystone_uid_with_and_without_the_reserved_bytes()
    {
        const string frame = "00E7" + "8B6CFA94B15E6F1AB6D4" + "000000000001";
        foreach (var tail in new[] { "", "0000" })
        {
            var ad = Decode($"0303AAFE{(frame.Length / 2) + (tail.Length / 2) + 3:X2}16AAFE{frame}{tail}");
            Assert.True(ad.Has(BeaconFrameKinds.EddystoneUid));
            Assert.Equal(-25, ad.EddystoneUid.TxPower);
            Assert.Equal("eddystone:8b6cfa94b15e6f1ab6d4:000000000001", ad.Identity(default).ToString());
            Assert.Equal(-66, ad.MeasuredPowerAt1M);
        }
    }

    [Theory]
    [InlineData("03676F6F676C6507", "https://google.com")]
    [InlineData("006578616D706C6500", "http://www.example.com/")]
    [InlineData("016578616D706C6501", "https://www.example.org/")]
    [InlineData("02610261026102610361046105610661", "http://a.edu/a.edu/a.edu/a.net/a.info/a.biz/a.gov/a")]
    [InlineData("02620762086209620A620B620C620D", "http://b.comb.orgb.edub.netb.infob.bizb.gov")]
    public void Eddystone_url_expands_every_scheme_and_code(string encoded, string url)
    {
        var frameLength = 2 + (encoded.Length / 2);
        var ad = Decode($"{frameLength + 3:X2}16AAFE10EB{encoded}");
        Assert.True(ad.Has(BeaconFrameKinds.EddystoneUrl));
        Assert.Equal(url, ad.EddystoneUrl.ToUrl());
        Assert.Equal(-21, ad.EddystoneUrl.TxPower);
    }

    [Fact]
    public void Eddystone_url_with_a_reserved_code_is_malformed() =>
        Assert.Contains("0x0E", DecodeError("0816AAFE10EB03610E"), StringComparison.Ordinal);

    [Fact]
    public void Eddystone_url_encoding_round_trips() =>
        Assert.Equal("https://shop.example.com/d", Hardware.Ble.Decoders.EddystoneUrlFrame.FromUrl("https://shop.example.com/d", -20)!.Value.ToUrl());

    [Fact]
    public void Eddystone_tlm_plain()
    {
        // 3000 mV, 23.5 °C (0x1780 in 8.8), 16 PDUs, 100 tenths of a second.
        var ad = Decode("1116AAFE20000BB8178000000010" + "00000064");
        Assert.True(ad.Has(BeaconFrameKinds.EddystoneTlm));
        Assert.Equal(3000, ad.EddystoneTlm.BatteryMv);
        Assert.Equal(23.5, ad.EddystoneTlm.TemperatureC);
        Assert.Equal(16u, ad.EddystoneTlm.AdvertisingCount);
        Assert.Equal(10.0, ad.EddystoneTlm.UptimeSeconds);
    }

    [Fact]
    public void Eddystone_tlm_not_supported_markers_read_as_absent()
    {
        var ad = Decode("1116AAFE2000000080000000000100000001");
        Assert.Null(ad.EddystoneTlm.BatteryMv);
        Assert.Null(ad.EddystoneTlm.TemperatureC);
    }

    [Fact]
    public void Eddystone_tlm_negative_temperature()
    {
        var ad = Decode("1116AAFE20000BB8FF8000000010" + "00000064");
        Assert.Equal(-0.5, ad.EddystoneTlm.TemperatureC);
    }

    [Fact]
    public void Encrypted_tlm_is_named_as_such() =>
        Assert.Contains("encrypted", DecodeError("1516AAFE2001" + new string('0', 32)), StringComparison.Ordinal);

    [Fact]
    public void Eddystone_eid()
    {
        var ad = Decode("0D16AAFE30F8" + "0123456789ABCDEF");
        Assert.True(ad.Has(BeaconFrameKinds.EddystoneEid));
        Assert.Equal(0x0123456789ABCDEFUL, ad.EddystoneEid.Eid);
        Assert.Equal(-8, ad.EddystoneEid.TxPower);
    }

    [Fact]
    public void Ruuvi_rawv2_valid_vector_from_the_format_documentation()
    {
        var ruuvi = Decode("1BFF9904" + "0512FC5394C37C0004FFFC040CAC364200CDCBB8334C884F").Ruuvi;
        Assert.Equal(24.3, ruuvi.TemperatureC!.Value, 3);
        Assert.Equal(100044, ruuvi.PressurePa);
        Assert.Equal(53.49, ruuvi.HumidityPct!.Value, 4);
        Assert.Equal(0.004, ruuvi.AccelXG!.Value, 3);
        Assert.Equal(-0.004, ruuvi.AccelYG!.Value, 3);
        Assert.Equal(1.036, ruuvi.AccelZG!.Value, 3);
        Assert.Equal(4, ruuvi.TxPower);
        Assert.Equal(2977, ruuvi.BatteryMv);
        Assert.Equal(66, ruuvi.Movement);
        Assert.Equal(205, ruuvi.Sequence);
        Assert.Equal("cb:b8:33:4c:88:4f", ruuvi.Mac.ToString());
    }

    [Fact]
    public void Ruuvi_rawv2_maximum_values()
    {
        var ruuvi = Decode("1BFF9904" + "057FFFFFFEFFFE7FFF7FFF7FFFFFDEFEFFFECBB8334C884F").Ruuvi;
        Assert.Equal(163.835, ruuvi.TemperatureC!.Value, 3);
        Assert.Equal(115534, ruuvi.PressurePa);
        Assert.Equal(163.835, ruuvi.HumidityPct!.Value, 3);
        Assert.Equal(32.767, ruuvi.AccelZG!.Value, 3);
        Assert.Equal(20, ruuvi.TxPower);
        Assert.Equal(3646, ruuvi.BatteryMv);
        Assert.Equal(254, ruuvi.Movement);
        Assert.Equal(65534, ruuvi.Sequence);
    }

    [Fact]
    public void Ruuvi_rawv2_minimum_values()
    {
        var ruuvi = Decode("1BFF9904" + "058001000000008001800180010000000000CBB8334C884F").Ruuvi;
        Assert.Equal(-163.835, ruuvi.TemperatureC!.Value, 3);
        Assert.Equal(50000, ruuvi.PressurePa);
        Assert.Equal(0.0, ruuvi.HumidityPct!.Value, 3);
        Assert.Equal(-32.767, ruuvi.AccelXG!.Value, 3);
        Assert.Equal(-40, ruuvi.TxPower);
        Assert.Equal(1600, ruuvi.BatteryMv);
        Assert.Equal(0, ruuvi.Movement);
        Assert.Equal(0, ruuvi.Sequence);
    }

    [Fact]
    public void Ruuvi_rawv2_invalid_markers_read_as_absent()
    {
        var ad = Decode("1BFF9904" + "058000FFFFFFFF800080008000FFFFFFFFFFFFFFFFFFFFFF");
        var ruuvi = ad.Ruuvi;
        Assert.True(ad.Has(BeaconFrameKinds.Ruuvi));
        Assert.Null(ruuvi.TemperatureC);
        Assert.Null(ruuvi.HumidityPct);
        Assert.Null(ruuvi.PressurePa);
        Assert.Null(ruuvi.AccelXG);
        Assert.Null(ruuvi.AccelYG);
        Assert.Null(ruuvi.AccelZG);
        Assert.Null(ruuvi.BatteryMv);
        Assert.Null(ruuvi.TxPower);
        Assert.Null(ruuvi.Movement);
        Assert.Null(ruuvi.Sequence);
        Assert.False(ruuvi.HasMac);
    }

    [Fact]
    public void Unknown_manufacturers_and_services_are_skipped_not_errors()
    {
        Assert.Null(AdvertisementDecoder.Decode(Convert.FromHexString("020106" + "05FF590001FF" + "05160D18AB01" + "04096162 63".Replace(" ", "", StringComparison.Ordinal)), out var ad));
        Assert.Equal(BeaconFrameKinds.None, ad.Frames);
        Assert.Equal("aa:bb:cc:dd:ee:ff", ad.Identity(new BluetoothAddress(0xAABBCCDDEEFF)).ToString());
    }

    [Theory]
    [InlineData("ibeacon:E2C56DB5-DFFB-48D2-B060-D0F5A71096E0:1:2", "ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2")]
    [InlineData("eddystone:8B6CFA94B15E6F1AB6D4:000000000001", "eddystone:8b6cfa94b15e6f1ab6d4:000000000001")]
    [InlineData("C4:7C:8D:6A:3E:12", "c4:7c:8d:6a:3e:12")]
    public void Beacon_keys_parse_their_text_form(string text, string canonical)
    {
        Assert.True(BeaconKey.TryParse(text, out var key));
        Assert.Equal(canonical, key.ToString());
    }

    private static Advertisement Decode(string hex)
    {
        var error = AdvertisementDecoder.Decode(Convert.FromHexString(hex), out var ad);
        Assert.Null(error);
        return ad;
    }

    private static string DecodeError(string hex) =>
        AdvertisementDecoder.Decode(Convert.FromHexString(hex), out _) ?? throw new Xunit.Sdk.XunitException("expected a decode error");
}

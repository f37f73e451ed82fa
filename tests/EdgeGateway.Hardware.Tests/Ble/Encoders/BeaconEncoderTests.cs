using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Ble.Decoders;
using EdgeGateway.Hardware.Ble.Encoders;

namespace EdgeGateway.Hardware.Tests.Ble.Encoders;

/// <summary>
/// Encoders against public byte vectors (a published hcitool iBeacon command, Apple's AirLocate UUID, Google's
/// Eddystone protocol specification and URL code table) and back through our decoder.
/// </summary>
public class BeaconEncoderTests
{
    [Fact]
    public void IBeacon_matches_the_advertising_data_of_a_public_hcitool_trace()
    {
        // "hcitool cmd 0x08 0x0008 1E 02 01 06 1A FF 4C 00 02 15 C7 C1 ... D2 00 00 00 00 C8 00": the 30 data bytes after the length.
        var expected = Convert.FromHexString("0201061AFF4C000215C7C1A1BFBB004CAD87049F2D2917DED200000000C8");
        var data = IBeaconEncoder.Encode(Guid.Parse("c7c1a1bf-bb00-4cad-8704-9f2d2917ded2"), 0, 0, -56);
        Assert.Equal(expected, data);
    }

    [Fact]
    public void IBeacon_round_trips_through_the_decoder()
    {
        var data = IBeaconEncoder.Encode(Guid.Parse("e2c56db5-dffb-48d2-b060-d0f5a71096e0"), 1, 2, -59);
        Assert.Equal(Convert.FromHexString("020106" + "1AFF4C000215" + "E2C56DB5DFFB48D2B060D0F5A71096E0" + "0001" + "0002" + "C5"), data);
        var ad = Decode(data);
        Assert.Equal(new IBeaconFrame(ad.IBeacon.UuidValue, 1, 2, -59), ad.IBeacon);
        Assert.Equal(Guid.Parse("e2c56db5-dffb-48d2-b060-d0f5a71096e0"), ad.IBeacon.Uuid);
    }

    [Fact]
    public void Eddystone_uid_is_31_bytes_with_the_reserved_zeros()
    {
        var ns = (UInt128.Parse("8B6CFA94B15E6F1AB6D4", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));
        var data = EddystoneUidEncoder.Encode(-25, ns, 1);
        Assert.Equal(Convert.FromHexString("020106" + "0303AAFE" + "1716AAFE" + "00E7" + "8B6CFA94B15E6F1AB6D4" + "000000000001" + "0000"), data);
        var ad = Decode(data);
        Assert.Equal(new EddystoneUidFrame(-25, ns, 1), ad.EddystoneUid);
    }

    [Fact]
    public void Eddystone_uid_refuses_a_namespace_over_80_bits() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EddystoneUidEncoder.Encode(0, UInt128.One << 80, 0));

    [Theory]
    [InlineData("https://google.com", "03676F6F676C6507")]
    [InlineData("http://www.example.com/", "006578616D706C6500")]
    [InlineData("https://www.example.org/", "016578616D706C6501")]
    [InlineData("http://b.comb.orgb.edub.net", "02620762086209620A")]
    public void Eddystone_url_compresses_with_the_spec_code_table(string url, string encoded)
    {
        var data = EddystoneUrlEncoder.Encode(url, -21);
        Assert.Equal(Convert.FromHexString($"0201060303AAFE{(encoded.Length / 2) + 5:X2}16AAFE10EB{encoded}"), data);
        Assert.Equal(url, Decode(data).EddystoneUrl.ToUrl());
    }

    [Fact]
    public void Eddystone_url_of_exactly_17_encoded_bytes_fills_the_31_byte_pdu()
    {
        var data = EddystoneUrlEncoder.Encode("https://abcdefghijklmnop.com", 0);
        Assert.Equal(31, data.Length);
        Assert.Equal("https://abcdefghijklmnop.com", Decode(data).EddystoneUrl.ToUrl());
    }

    [Theory]
    [InlineData("https://abcdefghijklmnopq.com", "compresses to 18 bytes")]
    [InlineData("ftp://example.com", "does not start with")]
    [InlineData("https://exämple.com", "printable ASCII")]
    [InlineData("https://a b.com", "printable ASCII")]
    public void Eddystone_url_that_cannot_be_encoded_is_refused_with_the_reason(string url, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => EddystoneUrlEncoder.Encode(url, 0));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eddystone_tlm_matches_the_spec_layout_and_round_trips()
    {
        // 3000 mV, 23.5 °C (0x1780 in 8.8), 16 PDUs, 100 tenths of a second.
        var data = EddystoneTlmEncoder.Encode(EddystoneTlmEncoder.ToFrame(3000, 23.5, 16, 100));
        Assert.Equal(Convert.FromHexString("0201060303AAFE" + "1116AAFE20000BB8178000000010" + "00000064"), data);
        var tlm = Decode(data).EddystoneTlm;
        Assert.Equal(3000, tlm.BatteryMv);
        Assert.Equal(23.5, tlm.TemperatureC);
        Assert.Equal(16u, tlm.AdvertisingCount);
        Assert.Equal(100u, tlm.UptimeTenths);
    }

    [Fact]
    public void Eddystone_tlm_without_sensors_writes_the_not_supported_markers()
    {
        var data = EddystoneTlmEncoder.Encode(EddystoneTlmEncoder.ToFrame(null, null, 1, 1));
        Assert.Equal(Convert.FromHexString("0201060303AAFE" + "1116AAFE2000000080000000000100000001"), data);
        Assert.Null(Decode(data).EddystoneTlm.TemperatureC);
    }

    [Theory]
    [InlineData(0, 20.0)]
    [InlineData(70_000, 20.0)]
    [InlineData(3000, 128.0)]
    [InlineData(3000, -128.0)]
    [InlineData(3000, double.NaN)]
    public void Eddystone_tlm_refuses_values_the_format_cannot_carry(int battery, double temperature) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EddystoneTlmEncoder.ToFrame(battery, temperature, 0, 0));

    [Theory]
    [InlineData("020106", null)]
    [InlineData("0201060303AAFE", null)]
    [InlineData("0303AAFE", "Flags")]
    [InlineData("020106030303", "claims 3 bytes")]
    [InlineData("02010600", "zero-length")]
    public void Legacy_data_validation_names_the_problem(string hex, string? reason)
    {
        var error = LegacyAdvertisingData.Validate(Convert.FromHexString(hex));
        if (reason is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains(reason, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Legacy_data_over_31_bytes_is_refused() =>
        Assert.Contains("at most 31", LegacyAdvertisingData.Validate(new byte[32]), StringComparison.Ordinal);

    private static Advertisement Decode(byte[] data)
    {
        Assert.Null(LegacyAdvertisingData.Validate(data));
        Assert.Null(AdvertisementDecoder.Decode(data, out var ad));
        return ad;
    }
}

using EdgeGateway.Hardware.Ble.Encoders;
using EdgeGateway.Hardware.Hci.Advertising;

namespace EdgeGateway.Hardware.Tests.Hci.Advertising;

/// <summary>
/// Advertising command bytes against a published hcitool iBeacon recipe (LE Set Advertising Parameters / Data / Enable
/// at 100 ms, ADV_NONCONN_IND) and the parameter tables of Core spec Vol 4, Part E, 7.8.5-7.8.9 and 7.8.53-7.8.59.
/// </summary>
public class AdvertisingCommandEncodingTests
{
    private const string IBeaconData = "0201061AFF4C000215C7C1A1BFBB004CAD87049F2D2917DED200000000C8";

    [Fact]
    public void Set_advertising_parameters_is_the_15_byte_payload_of_the_public_trace()
    {
        // "hcitool -i hci0 cmd 0x08 0x0006 A0 00 A0 00 03 00 00 00 00 00 00 00 00 07 00": 100 ms, ADV_NONCONN_IND, all channels.
        var command = AdvertisingCommands.LeSetAdvertisingParameters(new AdvertisingParameters { IntervalMin = 0x00A0, IntervalMax = 0x00A0 });
        Assert.Equal(Convert.FromHexString("0106200F" + "A000A000030000000000000000" + "0700"), command.ToH4Packet());
    }

    [Fact]
    public void Set_advertising_data_is_length_then_31_zero_padded_bytes_as_in_the_public_trace()
    {
        // "hcitool -i hci0 cmd 0x08 0x0008 1E 02 01 06 1A FF 4C 00 02 15 ... C8 00".
        var command = AdvertisingCommands.LeSetAdvertisingData(Convert.FromHexString(IBeaconData));
        Assert.Equal(Convert.FromHexString("01082020" + "1E" + IBeaconData + "00"), command.ToH4Packet());
    }

    [Fact]
    public void Set_advertising_enable_is_01_0A_20_01_01() =>
        Assert.Equal(Convert.FromHexString("010A200101"), AdvertisingCommands.LeSetAdvertisingEnable(true).ToH4Packet());

    [Fact]
    public void Read_advertising_channel_tx_power_has_no_parameters() =>
        Assert.Equal(Convert.FromHexString("01072000"), AdvertisingCommands.LeReadAdvertisingPhysicalChannelTxPower().ToH4Packet());

    [Fact]
    public void Extended_parameters_are_25_bytes_with_a_legacy_nonconnectable_pdu_and_the_requested_power()
    {
        // Handle 0, properties 0x0010, intervals 0x0000A0 (3 bytes each), channels 37-39, public address, no peer,
        // accept all, TX power -4 dBm (0xFC), primary PHY 1M, max skip 0, secondary PHY 1M, SID 0, no scan request notifications.
        var command = AdvertisingCommands.LeSetExtendedAdvertisingParameters(0, new AdvertisingParameters(), -4);
        Assert.Equal(
            Convert.FromHexString("01362019" + "00" + "1000" + "A00000" + "A00000" + "07" + "00" + "00" + "000000000000" + "00" + "FC" + "01" + "00" + "01" + "00" + "00"),
            command.ToH4Packet());
    }

    [Fact]
    public void Extended_parameters_without_a_power_preference_send_0x7F() =>
        Assert.Equal(0x7F, AdvertisingCommands.LeSetExtendedAdvertisingParameters(0, new AdvertisingParameters(), AdvertisingCommands.NoTxPowerPreference).Parameters[19]);

    [Fact]
    public void Extended_data_is_one_complete_unfragmented_operation()
    {
        var command = AdvertisingCommands.LeSetExtendedAdvertisingData(0, Convert.FromHexString(IBeaconData));
        Assert.Equal(Convert.FromHexString("01372022" + "00" + "03" + "01" + "1E" + IBeaconData), command.ToH4Packet());
    }

    [Fact]
    public void Extended_enable_names_one_set_without_duration_or_event_limit() =>
        Assert.Equal(Convert.FromHexString("01392006" + "01" + "01" + "00" + "0000" + "00"), AdvertisingCommands.LeSetExtendedAdvertisingEnable(true, 0).ToH4Packet());

    [Fact]
    public void Remove_advertising_set_is_01_3C_20_01_handle() =>
        Assert.Equal(Convert.FromHexString("013C200102"), AdvertisingCommands.LeRemoveAdvertisingSet(2).ToH4Packet());

    [Fact]
    public void Data_longer_than_a_legacy_pdu_is_refused() =>
        Assert.Throws<ArgumentException>(() => AdvertisingCommands.LeSetAdvertisingData(new byte[LegacyAdvertisingData.MaxLength + 1]));

    [Theory]
    [InlineData(20.0, 0x0020)]
    [InlineData(100.0, 0x00A0)]
    [InlineData(10_240.0, 0x4000)]
    [InlineData(152.5, 0x00F4)]
    public void Intervals_convert_to_0_625_ms_units(double milliseconds, int units)
    {
        Assert.Equal(units, AdvertisingParameters.TimeToUnits(TimeSpan.FromMilliseconds(milliseconds)));
        Assert.Equal(milliseconds, AdvertisingParameters.UnitsToTime((ushort)units).TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData(19.9, "outside 20 ms .. 10240 ms")]
    [InlineData(10_241.0, "outside 20 ms .. 10240 ms")]
    public void Settings_outside_the_interval_range_are_refused(double milliseconds, string reason)
    {
        var settings = new AdvertiserSettings { Frames = [new EddystoneTlmAdvertiserFrame()], Interval = TimeSpan.FromMilliseconds(milliseconds) };
        Assert.Contains(reason, settings.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_name_the_frame_that_cannot_be_encoded()
    {
        var settings = new AdvertiserSettings { Frames = [new EddystoneTlmAdvertiserFrame(), new EddystoneUrlAdvertiserFrame("https://a-very-long-shop-name.example/", 0)] };
        Assert.Contains("frame 1 (EddystoneUrl)", settings.Validate(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x00, 0x00A0, "channel map")]
    [InlineData(0x08, 0x00A0, "channel map")]
    [InlineData(0x07, 0x001F, "minimum 0x001F")]
    public void Wire_parameters_are_validated_like_the_spec(byte channelMap, ushort interval, string reason) =>
        Assert.Contains(reason, new AdvertisingParameters { ChannelMap = channelMap, IntervalMin = interval }.Validate(), StringComparison.Ordinal);
}

using EdgeGateway.Hardware.Emulation.Controller;

namespace EdgeGateway.Hardware.Emulation.Tests.Advertising;

/// <summary>
/// The emulated controller's answers to the advertising commands, byte for byte: commands from a published hcitool
/// iBeacon recipe and from the parameter tables of Core spec Vol 4, Part E, 7.8.5-7.8.9 and 7.8.53-7.8.59; answers are
/// Command Complete events (04 0E len credits opcode status [return parameters]).
/// </summary>
public sealed class EmulatedAdvertisingCommandTests
{
    private const string AdvertisingParameters100Ms = "0106200F" + "A000A000030000000000000000" + "0700";
    private const string IBeaconData = "01082020" + "1E" + "0201061AFF4C000215C7C1A1BFBB004CAD87049F2D2917DED200000000C8" + "00";

    [Fact]
    public async Task The_public_hcitool_ibeacon_recipe_is_accepted_and_goes_on_air()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions(), withHost: false);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal("040E0401062000", Hex(await radio.ExchangeAsync(AdvertisingParameters100Ms, 7, ct)));
        Assert.Equal("040E0401082000", Hex(await radio.ExchangeAsync(IBeaconData, 7, ct)));
        Assert.Equal("040E04010A2000", Hex(await radio.ExchangeAsync("010A200101", 7, ct)));

        var onAir = radio.Emulator.Advertising;
        Assert.True(onAir.Enabled);
        Assert.Equal(TimeSpan.FromMilliseconds(100), onAir.IntervalMin);
        Assert.Equal(3, onAir.LegacyType);
        Assert.Equal("0201061AFF4C000215C7C1A1BFBB004CAD87049F2D2917DED200000000C8", Hex(onAir.Data.ToArray()));
    }

    [Theory]
    [InlineData("1F00A000", "interval min below 20 ms")]
    [InlineData("A0000140", "interval max above 10.24 s")]
    [InlineData("A0002000", "min above max")]
    public async Task An_out_of_range_interval_is_refused_with_0x12(string intervals, string because)
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions(), withHost: false);
        var response = await radio.ExchangeAsync("0106200F" + intervals + "030000000000000000" + "0700", 7, TestContext.Current.CancellationToken);
        Assert.True("040E0401062012" == Hex(response), because);
    }

    [Fact]
    public async Task A_channel_map_without_channels_is_refused_with_0x12()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions(), withHost: false);
        Assert.Equal("040E0401062012", Hex(await radio.ExchangeAsync("0106200F" + "A000A000030000000000000000" + "0000", 7, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Parameters_while_enabled_are_disallowed_but_data_is_accepted()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions(), withHost: false);
        var ct = TestContext.Current.CancellationToken;
        await radio.ExchangeAsync(AdvertisingParameters100Ms, 7, ct);
        await radio.ExchangeAsync("010A200101", 7, ct);
        Assert.Equal("040E040106200C", Hex(await radio.ExchangeAsync(AdvertisingParameters100Ms, 7, ct)));
        Assert.Equal("040E0401082000", Hex(await radio.ExchangeAsync(IBeaconData, 7, ct)));
    }

    [Fact]
    public async Task Advertising_channel_tx_power_is_read_back_as_a_signed_byte()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions { AdvertisingChannelTxPowerDbm = -4 }, withHost: false);
        Assert.Equal("040E05010720" + "00" + "FC", Hex(await radio.ExchangeAsync("01072000", 8, TestContext.Current.CancellationToken)));
    }

    [Theory]
    [InlineData("7F", "00")]
    [InlineData("14", "08")]
    [InlineData("08", "08")]
    [InlineData("07", "04")]
    [InlineData("00", "00")]
    [InlineData("FF", "FC")]
    [InlineData("F8", "F8")]
    [InlineData("F5", "F4")]
    [InlineData("EC", "EC")]
    [InlineData("E2", "EC")]
    public async Task Extended_parameters_return_the_selected_tx_power_step(string requested, string selected)
    {
        // Steps -20..+8 dBm every 4 dB: the highest step not above the request; the lowest step below the range; 0x7F = default 0 dBm.
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions(), withHost: false);
        var response = await radio.ExchangeAsync(ExtendedParameters(requested), 8, TestContext.Current.CancellationToken);
        Assert.Equal("040E05013620" + "00" + selected, Hex(response));
    }

    [Fact]
    public async Task Extended_set_lifecycle_follows_the_spec_rules()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions(), withHost: false);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal("040E0401372042", Hex(await radio.ExchangeAsync("0137200400030100", 7, ct)));
        await radio.ExchangeAsync(ExtendedParameters("7F"), 8, ct);
        Assert.Equal("040E0401372000", Hex(await radio.ExchangeAsync("01372007" + "00030103" + "020106", 7, ct)));
        Assert.Equal("040E0401392000", Hex(await radio.ExchangeAsync("01392006" + "0101" + "00000000", 7, ct)));
        Assert.True(radio.Emulator.Advertising.Enabled);

        // While enabled: data as one complete operation is fine, a fragment (operation 0x01) and new parameters are not, nor removing the set.
        Assert.Equal("040E0401372000", Hex(await radio.ExchangeAsync("01372007" + "00030103" + "020104", 7, ct)));
        Assert.Equal("040E040137200C", Hex(await radio.ExchangeAsync("01372007" + "00010103" + "020104", 7, ct)));
        Assert.Equal("040E040136200C", Hex(await radio.ExchangeAsync(ExtendedParameters("7F"), 7, ct)));
        Assert.Equal("040E04013C200C", Hex(await radio.ExchangeAsync("013C200100", 7, ct)));

        Assert.Equal("040E0401392000", Hex(await radio.ExchangeAsync("01392006" + "0001" + "00000000", 7, ct)));
        Assert.False(radio.Emulator.Advertising.Enabled);
        Assert.Equal("040E04013C2000", Hex(await radio.ExchangeAsync("013C200100", 7, ct)));
        Assert.Equal("040E04013C2042", Hex(await radio.ExchangeAsync("013C200100", 7, ct)));
    }

    [Fact]
    public async Task Legacy_pdu_data_over_31_bytes_or_in_fragments_is_refused_with_0x12()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions(), withHost: false);
        var ct = TestContext.Current.CancellationToken;
        await radio.ExchangeAsync(ExtendedParameters("7F"), 8, ct);
        Assert.Equal("040E0401372012", Hex(await radio.ExchangeAsync("01372024" + "00030120" + new string('0', 64), 7, ct)));
        Assert.Equal("040E0401372012", Hex(await radio.ExchangeAsync("01372007" + "00010103" + "020106", 7, ct)));
    }

    [Fact]
    public async Task An_extended_interval_beyond_the_controllers_range_is_0x11_not_0x12()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions(), withHost: false);
        var response = await radio.ExchangeAsync("01362019" + "00" + "1000" + "A00000" + "014000" + "07000000000000000000" + "7F" + "0100010000", 7, TestContext.Current.CancellationToken);
        Assert.Equal("040E0401362011", Hex(response));
    }

    [Fact]
    public async Task Legacy_and_extended_commands_do_not_mix()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions(), withHost: false);
        var ct = TestContext.Current.CancellationToken;
        await radio.ExchangeAsync(AdvertisingParameters100Ms, 7, ct);
        Assert.Equal("040E040136200C", Hex(await radio.ExchangeAsync(ExtendedParameters("7F"), 7, ct)));
        Assert.Equal("040E0401030C00", Hex(await radio.ExchangeAsync("01030C00", 7, ct)));
        Assert.Equal("040E05013620" + "00" + "00", Hex(await radio.ExchangeAsync(ExtendedParameters("7F"), 8, ct)));
    }

    [Fact]
    public async Task A_controller_without_extended_advertising_does_not_know_the_extended_commands()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions { SupportsExtendedAdvertising = false }, withHost: false);
        Assert.Equal("040E0401362001", Hex((await radio.ExchangeAsync(ExtendedParameters("7F"), 7, TestContext.Current.CancellationToken))));
    }

    /// <summary>Handle 0, legacy ADV_NONCONN_IND (0x0010), 100 ms, channels 37-39, public address, no peer, accept all, the TX power, LE 1M.</summary>
    private static string ExtendedParameters(string txPowerHex) =>
        "01362019" + "00" + "1000" + "A00000" + "A00000" + "07" + "00" + "00" + "000000000000" + "00" + txPowerHex + "01" + "00" + "01" + "00" + "00";

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}

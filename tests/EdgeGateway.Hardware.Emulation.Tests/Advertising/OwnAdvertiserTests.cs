using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Emulation.Controller;
using EdgeGateway.Hardware.Hci;
using EdgeGateway.Hardware.Hci.Advertising;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Hardware.Emulation.Tests.Advertising;

/// <summary>The real OwnAdvertiser over HciHost against the emulated controller: what it reports is what the controller has on air.</summary>
public sealed class OwnAdvertiserTests
{
    private static readonly UInt128 Namespace = ((UInt128)0xEDD1 << 64) | 0x5709_0000_0001;

    [Fact]
    public async Task Extended_controller_gets_the_requested_power_rounded_down_to_its_step()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions());
        var ct = TestContext.Current.CancellationToken;
        await radio.Controller!.InitializeAsync(ct);
        await using var advertiser = new OwnAdvertiser(radio.Host!, radio.Controller);

        var state = await advertiser.StartAsync(Uid() with { TxPowerDbm = 5, Interval = TimeSpan.FromMilliseconds(152.5) }, ct);

        Assert.True(state.Enabled);
        Assert.True(state.Extended);
        Assert.Equal((sbyte)5, state.RequestedTxPowerDbm);
        Assert.Equal((sbyte)4, state.TxPowerDbm);
        Assert.Equal(TimeSpan.FromMilliseconds(152.5), state.IntervalMin);
        var onAir = radio.Emulator.Advertising;
        Assert.True(onAir.Enabled);
        Assert.Equal(4, onAir.TxPowerDbm);
        Assert.Equal(TimeSpan.FromMilliseconds(152.5), onAir.IntervalMin);
        Assert.Equal(state.CurrentData.ToArray(), onAir.Data.ToArray());
        Assert.Null(AdvertisementDecoder.Decode(onAir.Data.Span, out var ad));
        Assert.Equal(Namespace, ad.EddystoneUid.Namespace);
    }

    [Fact]
    public async Task Legacy_controller_advertises_at_its_advertising_channel_power()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions { SupportsExtendedAdvertising = false, AdvertisingChannelTxPowerDbm = -4 });
        var ct = TestContext.Current.CancellationToken;
        await radio.Controller!.InitializeAsync(ct);
        await using var advertiser = new OwnAdvertiser(radio.Host!, radio.Controller);

        var state = await advertiser.StartAsync(Uid() with { TxPowerDbm = 8 }, ct);

        Assert.False(state.Extended);
        Assert.Equal((sbyte)-4, state.TxPowerDbm);
        Assert.Equal(-4, radio.Emulator.Advertising.TxPowerDbm);
        Assert.True(radio.Emulator.Advertising.Enabled);
    }

    [Fact]
    public async Task Legacy_scanning_keeps_advertising_on_the_legacy_commands_too()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions());
        var ct = TestContext.Current.CancellationToken;
        await radio.Controller!.InitializeAsync(ct);
        await radio.Controller.StartScanningAsync(new ScanParameters(), allowExtended: false, ct);
        await using var advertiser = new OwnAdvertiser(radio.Host!, radio.Controller);

        var state = await advertiser.StartAsync(Uid(), ct);

        Assert.False(state.Extended);
        Assert.True(radio.Emulator.Advertising.Enabled);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Changing_settings_while_running_stops_sets_and_starts_again(bool extended)
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions { SupportsExtendedAdvertising = extended });
        var ct = TestContext.Current.CancellationToken;
        await radio.Controller!.InitializeAsync(ct);
        await using var advertiser = new OwnAdvertiser(radio.Host!, radio.Controller);
        await advertiser.StartAsync(Uid(), ct);

        var state = await advertiser.StartAsync(
            new AdvertiserSettings { Frames = [new IBeaconAdvertiserFrame(Guid.Parse("f7826da6-4fa2-4e98-8024-bc5b71e0893e"), 7, 9, -59)], Interval = TimeSpan.FromSeconds(1) }, ct);

        Assert.Equal([BeaconFrameKinds.IBeacon], state.FrameKinds);
        Assert.Equal(TimeSpan.FromSeconds(1), radio.Emulator.Advertising.IntervalMin);
        Assert.Null(AdvertisementDecoder.Decode(radio.Emulator.Advertising.Data.Span, out var ad));
        Assert.Equal(9, ad.IBeacon.Minor);

        await advertiser.StopAsync(ct);
        Assert.False(advertiser.State.Enabled);
        Assert.False(radio.Emulator.Advertising.Enabled);
        Assert.True((await advertiser.StartAsync(Uid(), ct)).Enabled);
    }

    [Fact]
    public async Task Rotation_alternates_frames_and_refreshes_tlm_from_the_source()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions());
        var ct = TestContext.Current.CancellationToken;
        await radio.Controller!.InitializeAsync(ct);
        var sensor = new FixedTlmSource { Reading = new EddystoneTlmReading(null, 21.5) };
        await using var advertiser = new OwnAdvertiser(radio.Host!, radio.Controller, sensor);

        await advertiser.StartAsync(Uid() with { Frames = [Uid().Frames[0], new EddystoneTlmAdvertiserFrame()], RotationPeriod = TimeSpan.FromMilliseconds(100) }, ct);
        var first = await WaitForTlmAsync(radio, t => t.TemperatureC == 21.5, ct);
        Assert.Null(first.BatteryMv);
        sensor.Reading = new EddystoneTlmReading(null, 30.25);
        await WaitForTlmAsync(radio, t => t.TemperatureC == 30.25, ct);

        Assert.True(advertiser.State.Rotations >= 3);
        Assert.Equal(0, advertiser.RotationFailures);
        Assert.Null(AdvertisementDecoder.Decode(advertiser.State.CurrentData.Span, out _));
    }

    [Fact]
    public async Task Rotation_and_tlm_uptime_follow_the_time_provider()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions());
        var ct = TestContext.Current.CancellationToken;
        await radio.Controller!.InitializeAsync(ct);
        var clock = new FakeTimeProvider();
        await using var advertiser = new OwnAdvertiser(radio.Host!, radio.Controller, timeProvider: clock);
        await advertiser.StartAsync(Uid() with { Frames = [Uid().Frames[0], new EddystoneTlmAdvertiserFrame()], RotationPeriod = TimeSpan.FromSeconds(10) }, ct);
        Assert.Equal(0, advertiser.State.CurrentFrame);

        clock.Advance(TimeSpan.FromSeconds(10));
        var tlm = await WaitForTlmAsync(radio, _ => true, ct);

        Assert.Equal(100u, tlm.UptimeTenths);
        Assert.Equal(95u, tlm.AdvertisingCount); // 10 s over 105 ms: the 100 ms interval plus the 5 ms mean advDelay
        Assert.Equal(1, advertiser.State.CurrentFrame);
        Assert.Equal(1, advertiser.State.Rotations);
    }

    [Fact]
    public async Task A_refusal_is_named_and_leaves_advertising_stopped()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions());
        var ct = TestContext.Current.CancellationToken;
        await radio.Controller!.InitializeAsync(ct);
        await using var advertiser = new OwnAdvertiser(radio.Host!, radio.Controller);

        // A random own address without LE Set Random Address: the controller refuses the enable with 0x12.
        var error = await Assert.ThrowsAsync<AdvertiserException>(() => advertiser.StartAsync(Uid() with { OwnAddressType = 1 }, ct));

        Assert.Equal(AdvertiserError.InvalidParameters, error.Error);
        Assert.Equal("LE Set Extended Advertising Enable", error.Step);
        Assert.Equal((byte)0x12, error.Status);
        Assert.False(advertiser.State.Enabled);
        Assert.True((await advertiser.StartAsync(Uid(), ct)).Enabled);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_before_the_radio_is_touched()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions());
        var ct = TestContext.Current.CancellationToken;
        await radio.Controller!.InitializeAsync(ct);
        await using var advertiser = new OwnAdvertiser(radio.Host!, radio.Controller);
        var commands = radio.Emulator.CommandsReceived;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => advertiser.StartAsync(
            Uid() with { Frames = [new EddystoneUrlAdvertiserFrame("https://www.this-shop-name-is-long.example/", -20)] }, ct));

        Assert.Contains("compresses to", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => advertiser.StartAsync(Uid() with { Interval = TimeSpan.FromMilliseconds(10) }, ct));
        Assert.Equal(commands, radio.Emulator.CommandsReceived);
    }

    [Fact]
    public async Task A_controller_that_lost_the_set_counts_rotation_failures_and_keeps_running()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions());
        var ct = TestContext.Current.CancellationToken;
        await radio.Controller!.InitializeAsync(ct);
        await using var advertiser = new OwnAdvertiser(radio.Host!, radio.Controller);
        await advertiser.StartAsync(Uid() with { Frames = [Uid().Frames[0], new EddystoneTlmAdvertiserFrame()], RotationPeriod = TimeSpan.FromMilliseconds(100) }, ct);

        // A Reset behind the advertiser's back (another process on the user channel, a controller crash) drops the set: 0x42.
        await radio.Host!.SendCommandAsync(HciCommands.Reset(), ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (advertiser.RotationFailures < 2)
        {
            await Task.Delay(20, timeout.Token);
        }

        // Applying the settings again recreates the set.
        Assert.True((await advertiser.StartAsync(Uid(), ct)).Enabled);
        Assert.True(radio.Emulator.Advertising.Enabled);
    }

    [Fact]
    public async Task Concurrent_reconfigurations_are_applied_one_after_the_other()
    {
        await using var radio = new EmulatedRadio(new EmulatedControllerOptions());
        var ct = TestContext.Current.CancellationToken;
        await radio.Controller!.InitializeAsync(ct);
        await using var advertiser = new OwnAdvertiser(radio.Host!, radio.Controller);

        var intervals = Enumerable.Range(1, 8).Select(i => TimeSpan.FromMilliseconds(100 * i)).ToList();
        var states = await Task.WhenAll(intervals.Select(i => advertiser.StartAsync(Uid() with { Interval = i }, ct)));

        Assert.All(states, s => Assert.True(s.Enabled));
        Assert.Contains(advertiser.State.IntervalMin, intervals);
        Assert.Equal(advertiser.State.IntervalMin, radio.Emulator.Advertising.IntervalMin);
    }

    private static AdvertiserSettings Uid() => new() { Frames = [new EddystoneUidAdvertiserFrame(Namespace, 0x0000_0000_0042, -20)] };

    private static async Task<Hardware.Ble.Decoders.EddystoneTlmFrame> WaitForTlmAsync(EmulatedRadio radio, Func<Hardware.Ble.Decoders.EddystoneTlmFrame, bool> wanted, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            if (AdvertisementDecoder.Decode(radio.Emulator.Advertising.Data.Span, out var ad) is null && ad.Has(BeaconFrameKinds.EddystoneTlm) && wanted(ad.EddystoneTlm))
            {
                return ad.EddystoneTlm;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}

using System.Diagnostics;
using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Emulation.Air;
using EdgeGateway.Hardware.Emulation.Controller;
using EdgeGateway.Hardware.Hci;
using EdgeGateway.Hardware.Hci.Advertising;

namespace EdgeGateway.Hardware.Emulation.Tests.Advertising;

/// <summary>
/// Two emulated controllers on one air: the gateway's own advertiser on the first, and a second gateway scanning through
/// the real HciHost/LeController path on the other. A change of frames, interval or TX power must reach the scanner.
/// </summary>
public sealed class OwnAdvertiserOverTheAirTests
{
    private static readonly BluetoothAddress AdvertiserAddress = new(0xB827EB_A0A0A0);

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_change_of_frames_interval_and_power_is_heard_by_a_second_scanner(bool extendedAdvertiser, bool extendedScanner)
    {
        var air = new EmulatedAir { PathLossDb = 60, RssiNoiseDb = 0 };
        await using var advertiserRadio = new EmulatedRadio(new EmulatedControllerOptions { Air = air, Address = AdvertiserAddress, SupportsExtendedAdvertising = extendedAdvertiser });
        await using var scannerRadio = new EmulatedRadio(new EmulatedControllerOptions { Air = air, Address = new BluetoothAddress(0xB827EB_5C5C5C), SupportsExtendedAdvertising = extendedScanner, Seed = 2 });
        var ct = TestContext.Current.CancellationToken;
        var heard = await ListenAsync(advertiserRadio, scannerRadio, ct);
        await using var advertiser = new OwnAdvertiser(advertiserRadio.Host!, advertiserRadio.Controller!);

        var ns = ((UInt128)0xEDD1 << 64) | 0x42;
        var loud = await advertiser.StartAsync(new AdvertiserSettings
        {
            Frames = [new EddystoneUidAdvertiserFrame(ns, 7, -12)],
            Interval = TimeSpan.FromMilliseconds(100),
            TxPowerDbm = 8,
        }, ct);
        var first = await heard.WaitAsync(r => r.Frames.HasFlag(BeaconFrameKinds.EddystoneUid), ct);
        Assert.Equal((sbyte)(loud.TxPowerDbm! - 60), first.Rssi);
        Assert.Equal(extendedAdvertiser ? (sbyte)8 : (sbyte)0, loud.TxPowerDbm);
        var fastGap = await heard.MeanGapAsync(r => r.Frames.HasFlag(BeaconFrameKinds.EddystoneUid), 8, ct);

        var quiet = await advertiser.StartAsync(new AdvertiserSettings
        {
            Frames = [new IBeaconAdvertiserFrame(Guid.Parse("f7826da6-4fa2-4e98-8024-bc5b71e0893e"), 1, 2, -59)],
            Interval = TimeSpan.FromMilliseconds(500),
            TxPowerDbm = -17,
        }, ct);
        var second = await heard.WaitAsync(r => r.Frames.HasFlag(BeaconFrameKinds.IBeacon), ct);
        Assert.Equal(extendedAdvertiser ? (sbyte)-20 : (sbyte)0, quiet.TxPowerDbm);
        Assert.Equal((sbyte)(quiet.TxPowerDbm! - 60), second.Rssi);
        var slowGap = await heard.MeanGapAsync(r => r.Frames.HasFlag(BeaconFrameKinds.IBeacon), 4, ct);

        // 100 ms and 500 ms plus the 0-10 ms advDelay, sampled on a 10 ms tick; generous bounds because the machine is shared.
        Assert.InRange(fastGap.TotalMilliseconds, 70, 250);
        Assert.InRange(slowGap.TotalMilliseconds, 400, 800);
    }

    [Fact]
    public async Task Rotated_frames_all_reach_the_scanner()
    {
        var air = new EmulatedAir { RssiNoiseDb = 0 };
        await using var advertiserRadio = new EmulatedRadio(new EmulatedControllerOptions { Air = air, Address = AdvertiserAddress });
        await using var scannerRadio = new EmulatedRadio(new EmulatedControllerOptions { Air = air, Address = new BluetoothAddress(0xB827EB_5C5C5C), Seed = 2 });
        var ct = TestContext.Current.CancellationToken;
        var heard = await ListenAsync(advertiserRadio, scannerRadio, ct);
        await using var advertiser = new OwnAdvertiser(advertiserRadio.Host!, advertiserRadio.Controller!, new FixedTlmSource { Reading = new(null, 22.0) });

        await advertiser.StartAsync(new AdvertiserSettings
        {
            Frames = [new EddystoneUidAdvertiserFrame(1, 1, -20), new EddystoneUrlAdvertiserFrame("https://shop.example/", -20), new EddystoneTlmAdvertiserFrame()],
            Interval = TimeSpan.FromMilliseconds(20),
            RotationPeriod = TimeSpan.FromMilliseconds(150),
        }, ct);

        await heard.WaitAsync(r => r.Frames.HasFlag(BeaconFrameKinds.EddystoneUid), ct);
        Assert.Equal("https://shop.example/", (await heard.WaitAsync(r => r.Frames.HasFlag(BeaconFrameKinds.EddystoneUrl), ct)).Url);
        Assert.Equal(22.0, (await heard.WaitAsync(r => r.Frames.HasFlag(BeaconFrameKinds.EddystoneTlm), ct)).TemperatureC);
    }

    /// <summary>Brings both controllers up and has the scanner collect what it hears from the advertiser.</summary>
    private static async Task<HeardReports> ListenAsync(EmulatedRadio advertiserRadio, EmulatedRadio scannerRadio, CancellationToken ct)
    {
        await advertiserRadio.Controller!.InitializeAsync(ct);
        await scannerRadio.Controller!.InitializeAsync(ct);
        var heard = new HeardReports();
        scannerRadio.Host!.AdvertisingReportReceived = (in AdvertisingReport report) =>
        {
            if (report.Address == AdvertiserAddress)
            {
                heard.Add(report);
            }
        };
        await scannerRadio.Controller.StartScanningAsync(new ScanParameters(), allowExtended: true, ct);
        return heard;
    }

    private sealed record Heard(long At, sbyte Rssi, BeaconFrameKinds Frames, string? Url, double? TemperatureC);

    /// <summary>Reports from the advertiser as the scanner's host decoded them, with their arrival time.</summary>
    private sealed class HeardReports
    {
        private readonly Lock _gate = new();
        private readonly List<Heard> _reports = [];

        public void Add(in AdvertisingReport report)
        {
            Assert.Null(AdvertisementDecoder.Decode(report.Data, out var ad));
            var heard = new Heard(Stopwatch.GetTimestamp(), report.Rssi, ad.Frames,
                ad.Has(BeaconFrameKinds.EddystoneUrl) ? ad.EddystoneUrl.ToUrl() : null,
                ad.Has(BeaconFrameKinds.EddystoneTlm) ? ad.EddystoneTlm.TemperatureC : null);
            lock (_gate)
            {
                _reports.Add(heard);
            }
        }

        public async Task<Heard> WaitAsync(Func<Heard, bool> wanted, CancellationToken ct)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            while (true)
            {
                lock (_gate)
                {
                    if (_reports.FirstOrDefault(wanted) is { } found)
                    {
                        return found;
                    }
                }

                await Task.Delay(10, timeout.Token);
            }
        }

        /// <summary>Waits for <paramref name="count"/> more matching reports after the first and returns their mean spacing.</summary>
        public async Task<TimeSpan> MeanGapAsync(Func<Heard, bool> wanted, int count, CancellationToken ct)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (true)
            {
                lock (_gate)
                {
                    var matching = _reports.Where(wanted).ToList();
                    if (matching.Count > count)
                    {
                        var last = matching[^1].At;
                        var start = matching[^(count + 1)].At;
                        return Stopwatch.GetElapsedTime(start, last) / count;
                    }
                }

                await Task.Delay(20, timeout.Token);
            }
        }
    }
}

using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Emulation.Controller;
using EdgeGateway.Hardware.Emulation.Links;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Emulation.Tests.Controller;

/// <summary>The real host code (HciHost, LeController, decoders) against the emulated controller over an H4 byte link.</summary>
public sealed class EmulatedLeControllerTests : IAsyncLifetime
{
    private readonly DuplexLink _link = new();
    private readonly CancellationTokenSource _stop = new();
    private EmulatedLeController? _controller;
    private Task? _controllerRun;
    private HciHost? _host;

    [Fact]
    public async Task Reset_is_answered_with_the_command_complete_bytes_of_a_public_trace()
    {
        // Core spec sample and every btmon capture: 04 0E 04 01 03 0C 00 (1 credit, opcode 0x0C03, success).
        Start([]);
        var ct = TestContext.Current.CancellationToken;
        await _link.HostEnd.WriteAsync(Convert.FromHexString("01030C00"), ct);
        var response = new byte[7];
        await _link.HostEnd.ReadExactlyAsync(response, ct);
        Assert.Equal(Convert.FromHexString("040E0401030C00"), response);
    }

    [Fact]
    public async Task Bring_up_reads_identity_features_and_buffers()
    {
        var controller = StartHost([], new EmulatedControllerOptions { Address = new BluetoothAddress(0xB827EB123456), HciVersion = 9, Manufacturer = 0x000F });
        var info = await controller.InitializeAsync(TestContext.Current.CancellationToken);

        Assert.Equal("b8:27:eb:12:34:56", info.Address.ToString());
        Assert.Equal("5.0", info.CoreVersionName);
        Assert.Equal(0x000F, info.Manufacturer);
        Assert.True(info.SupportsExtendedAdvertising);
        Assert.Equal(251, info.LeAclDataLength);
    }

    [Fact]
    public async Task Le_buffers_shared_with_br_edr_are_read_from_read_buffer_size()
    {
        var controller = StartHost([], new EmulatedControllerOptions { LeAclDataLength = 0 });
        var info = await controller.InitializeAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1021, info.LeAclDataLength);
        Assert.Equal(8, info.LeAclPackets);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Scanning_delivers_decodable_reports_from_every_virtual_beacon(bool extended)
    {
        var beacons = VirtualStore.Create(5, interval: TimeSpan.FromMilliseconds(20)).Select(b => b with { PresentFor = null, AbsentFor = null }).ToList();
        var controller = StartHost(beacons, new EmulatedControllerOptions { SupportsExtendedAdvertising = extended });
        var ct = TestContext.Current.CancellationToken;
        var kinds = BeaconFrameKinds.None;
        var addresses = new HashSet<BluetoothAddress>();
        var gate = new Lock();
        var allSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host!.AdvertisingReportReceived = (in AdvertisingReport report) =>
        {
            Assert.Null(AdvertisementDecoder.Decode(report.Data, out var ad));
            lock (gate)
            {
                kinds |= ad.Frames;
                addresses.Add(report.Address);
                if (addresses.Count == 5 && (kinds & BeaconFrameKinds.EddystoneTlm) != 0)
                {
                    allSeen.TrySetResult();
                }
            }
        };

        await controller.InitializeAsync(ct);
        await controller.StartScanningAsync(new ScanParameters(), allowExtended: true, ct);
        await allSeen.Task.WaitAsync(TimeSpan.FromSeconds(20), ct);
        await controller.StopScanningAsync(ct);

        Assert.Equal(extended, controller.UsesExtendedScanning);
        Assert.True(kinds.HasFlag(BeaconFrameKinds.IBeacon | BeaconFrameKinds.AltBeacon | BeaconFrameKinds.EddystoneUid | BeaconFrameKinds.Ruuvi | BeaconFrameKinds.EddystoneEid));
        Assert.Equal(0, _host.InputErrors.Total);
    }

    [Fact]
    public async Task Changing_scan_parameters_while_scanning_is_command_disallowed()
    {
        var controller = StartHost([], new EmulatedControllerOptions { SupportsExtendedAdvertising = false });
        var ct = TestContext.Current.CancellationToken;
        await controller.InitializeAsync(ct);
        await controller.StartScanningAsync(new ScanParameters(), allowExtended: false, ct);

        var ex = await Assert.ThrowsAsync<HciException>(() => _host!.SendCommandAsync(HciCommands.LeSetScanParameters(new ScanParameters()), ct));
        Assert.Equal((byte)HciStatusCode.CommandDisallowed, ex.Status);
        Assert.Contains("Command Disallowed (0x0C)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mixing_legacy_and_extended_scanning_commands_is_command_disallowed()
    {
        var controller = StartHost([]);
        var ct = TestContext.Current.CancellationToken;
        await controller.InitializeAsync(ct);
        await _host!.SendCommandAsync(HciCommands.LeSetExtendedScanParameters(new ScanParameters()), ct);

        var ex = await Assert.ThrowsAsync<HciException>(() => _host.SendCommandAsync(HciCommands.LeSetScanEnable(true, false), ct));
        Assert.Equal((byte)HciStatusCode.CommandDisallowed, ex.Status);
    }

    [Fact]
    public async Task An_unknown_opcode_is_unknown_hci_command()
    {
        StartHost([]);
        var ex = await Assert.ThrowsAsync<HciException>(() => _host!.SendCommandAsync(new HciCommand(0xFC01, []), TestContext.Current.CancellationToken));
        Assert.Equal((byte)HciStatusCode.UnknownHciCommand, ex.Status);
    }

    [Fact]
    public async Task Beacons_that_come_and_go_are_silent_while_away()
    {
        var walker = new VirtualBeacon
        {
            Address = new BluetoothAddress(0xC00000000001),
            Kind = VirtualBeaconKind.IBeacon,
            AdvertisingInterval = TimeSpan.FromMilliseconds(20),
            PresentFor = TimeSpan.FromMilliseconds(1),
            AbsentFor = TimeSpan.FromHours(1),
        };
        var controller = StartHost([walker]);
        var ct = TestContext.Current.CancellationToken;
        await controller.InitializeAsync(ct);
        await controller.StartScanningAsync(new ScanParameters(), true, ct);
        await Task.Delay(300, ct);

        Assert.True(_host!.ReportsReceived <= 1);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_controllerRun is not null)
        {
            await _controllerRun;
        }

        _controller?.Dispose();
        await _link.DisposeAsync();
        _stop.Dispose();
    }

    private void Start(IReadOnlyList<VirtualBeacon> beacons, EmulatedControllerOptions? options = null)
    {
        _controller = new EmulatedLeController(_link.DeviceEnd, beacons, options);
        _controllerRun = _controller.RunAsync(_stop.Token);
    }

    private LeController StartHost(IReadOnlyList<VirtualBeacon> beacons, EmulatedControllerOptions? options = null)
    {
        Start(beacons, options);
        _host = new HciHost(_link.HostEnd);
        _host.Start();
        return new LeController(_host);
    }
}

using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Ble.Eddystone;
using EdgeGateway.Hardware.Emulation.Controller;
using EdgeGateway.Hardware.Emulation.Links;
using EdgeGateway.Hardware.Hci;
using EdgeGateway.Hardware.Hci.Connections;

namespace EdgeGateway.Hardware.Emulation.Tests.Gatt;

/// <summary>
/// The real host stack (HciHost, LeConnectionManager, ACL/L2CAP, ATT, GATT, Eddystone client) against the emulated
/// controller's virtual beacons over an H4 byte link: connect, unlock, write, read back, and the faults.
/// </summary>
public sealed class EddystoneConfigSessionTests : IAsyncLifetime
{
    private static readonly byte[] Key = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
    private static readonly BluetoothAddress Address = new(0xC1_0000_00_0001);

    private readonly DuplexLink _link = new();
    private readonly CancellationTokenSource _stop = new();
    private EmulatedLeController? _controller;
    private Task? _controllerRun;
    private HciHost? _host;
    private LeConnectionManager? _connections;
    private int _heardMeasuredPower = int.MinValue;

    [Fact]
    public async Task A_locked_beacon_is_unlocked_written_and_read_back_with_tx_power_rounded_up()
    {
        var client = await StartAsync(new VirtualBeaconGatt { LockKey = Key });
        var ct = TestContext.Current.CancellationToken;

        var after = await client.WriteAsync(Address, 1, Key, txPowerDbm: -10, intervalMs: 350, ct);

        Assert.Equal(-8, after.TxPowerDbm);
        Assert.Equal(350, after.IntervalMs);
        Assert.Equal([-20, -16, -12, -8, -4, 0, 4], after.Capabilities.TxPowerLevels.Select(l => (int)l));
        var peripheral = _controller!.Links.Find(Address)!;
        Assert.Equal(350, peripheral.IntervalMs);
        Assert.Equal(2, peripheral.Writes);
        Assert.Equal(0, _connections!.AclDropped);
        Assert.Equal(_connections.MaxCredits, _connections.CreditsAvailable);
    }

    [Fact]
    public async Task A_tx_power_change_shows_in_what_the_beacon_advertises()
    {
        var client = await StartAsync(new VirtualBeaconGatt { LockKey = Key, InitialTxPowerDbm = -8 });
        var ct = TestContext.Current.CancellationToken;
        await WaitForAsync(() => _heardMeasuredPower == -59, ct);

        await client.WriteAsync(Address, 1, Key, txPowerDbm: 4, intervalMs: null, ct);

        // Calibrated -59 dBm at 1 m at -8 dBm radio power; 12 dB louder now.
        await WaitForAsync(() => _heardMeasuredPower == -47, ct);
    }

    [Fact]
    public async Task A_wrong_lock_key_is_a_named_failure_and_nothing_is_written()
    {
        var client = await StartAsync(new VirtualBeaconGatt { LockKey = Key });
        var wrong = Enumerable.Repeat((byte)0x42, 16).ToArray();

        var error = await Assert.ThrowsAsync<EddystoneConfigException>(() => client.WriteAsync(Address, 1, wrong, -4, null, TestContext.Current.CancellationToken));

        Assert.Equal(EddystoneConfigFailure.WrongLockKey, error.Failure);
        Assert.Equal(0, _controller!.Links.Find(Address)!.Writes);
    }

    [Fact]
    public async Task A_beacon_out_of_range_times_out_as_not_in_range_and_the_attempt_is_cancelled()
    {
        var client = await StartAsync(new VirtualBeaconGatt(), connectTimeout: TimeSpan.FromMilliseconds(300));
        _controller!.Links.Find(Address)!.InRange = false;
        var ct = TestContext.Current.CancellationToken;

        var error = await Assert.ThrowsAsync<EddystoneConfigException>(() => client.WriteAsync(Address, 1, null, -4, null, ct));
        Assert.Equal(EddystoneConfigFailure.NotInRange, error.Failure);

        // The cancel really reached the controller: a second attempt is not refused as Command Disallowed.
        _controller.Links.Find(Address)!.InRange = true;
        var after = await client.WriteAsync(Address, 1, null, -4, null, ct);
        Assert.Equal(-4, after.TxPowerDbm);
    }

    [Fact]
    public async Task A_beacon_that_drops_the_link_mid_write_is_reported_as_disconnected()
    {
        var client = await StartAsync(new VirtualBeaconGatt());
        _controller!.Links.Find(Address)!.DropOnNextWrite = true;

        var error = await Assert.ThrowsAsync<EddystoneConfigException>(() => client.WriteAsync(Address, 1, null, -4, 500, TestContext.Current.CancellationToken));

        Assert.Equal(EddystoneConfigFailure.Disconnected, error.Failure);
        Assert.Equal(_connections!.MaxCredits, _connections.CreditsAvailable);
    }

    [Fact]
    public async Task A_missing_characteristic_is_named()
    {
        var client = await StartAsync(new VirtualBeaconGatt { MissingCharacteristics = [EddystoneConfigUuids.RadioTxPower] });

        var error = await Assert.ThrowsAsync<EddystoneConfigException>(() => client.WriteAsync(Address, 1, null, -4, null, TestContext.Current.CancellationToken));

        Assert.Equal(EddystoneConfigFailure.CharacteristicMissing, error.Failure);
        Assert.Contains("radio TX power", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_outside_the_characteristics_are_refused_before_connecting()
    {
        var client = await StartAsync(new VirtualBeaconGatt());

        var error = await Assert.ThrowsAsync<EddystoneConfigException>(() => client.WriteAsync(Address, 1, null, 200, null, TestContext.Current.CancellationToken));

        Assert.Equal(EddystoneConfigFailure.ValueOutOfRange, error.Failure);
        Assert.Equal(0, _controller!.Links.Find(Address)!.Connections);
    }

    [Fact]
    public async Task A_long_request_is_cut_into_acl_fragments_of_the_controller_buffer_size_and_every_credit_comes_back()
    {
        var client = await StartAsync(new VirtualBeaconGatt(), aclDataLength: 27);

        var settings = await client.ReadAsync(Address, 1, null, TestContext.Current.CancellationToken);

        Assert.Equal(-8, settings.TxPowerDbm);
        Assert.True(_controller!.Links.AclPacketsReceived > 10);
        Assert.Equal(_connections!.MaxCredits, _connections.CreditsAvailable);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _stop.CancelAsync();
        if (_controllerRun is not null)
        {
            await _controllerRun;
        }

        _connections?.Dispose();
        _controller?.Dispose();
        await _link.DisposeAsync();
        _stop.Dispose();
    }

    private async Task<EddystoneConfigClient> StartAsync(VirtualBeaconGatt gatt, TimeSpan? connectTimeout = null, ushort aclDataLength = 251)
    {
        var beacon = new VirtualBeacon
        {
            Address = Address,
            Kind = VirtualBeaconKind.IBeacon,
            Uuid = VirtualStore.FleetUuid,
            Major = 1,
            Minor = 2,
            AdvertisingInterval = TimeSpan.FromMilliseconds(100),
            Gatt = gatt,
        };
        _controller = new EmulatedLeController(_link.DeviceEnd, [beacon], new EmulatedControllerOptions { LeAclDataLength = aclDataLength });
        _controllerRun = _controller.RunAsync(_stop.Token);
        _host = new HciHost(_link.HostEnd) { AdvertisingReportReceived = OnReport };
        _host.Start();
        var le = new LeController(_host);
        var ct = TestContext.Current.CancellationToken;
        var info = await le.InitializeAsync(ct);
        await le.StartScanningAsync(new ScanParameters(), allowExtended: false, ct);
        _connections = LeConnectionManager.Attach(_host, info);
        return new EddystoneConfigClient(_connections, new EddystoneConfigClientOptions { ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(5) });
    }

    private void OnReport(in AdvertisingReport report)
    {
        if (report.Address == Address && AdvertisementDecoder.Decode(report.Data, out var ad) is null && ad.MeasuredPowerAt1M is { } measured)
        {
            Volatile.Write(ref _heardMeasuredPower, measured);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}

using EdgeGateway.Hardware.Emulation.Links;
using EdgeGateway.Hardware.Hci;
using EdgeGateway.Hardware.Hci.Connections;

namespace EdgeGateway.Hardware.Emulation.Tests.Controller;

/// <summary>
/// The host's command flow control, timeouts and bad-input handling against a scripted controller end:
/// the test plays the controller byte by byte over the same H4 link.
/// </summary>
public sealed class HciHostFlowControlTests : IAsyncDisposable
{
    private readonly DuplexLink _link = new();
    private readonly HciHost _host;

    public HciHostFlowControlTests()
    {
        _host = new HciHost(_link.HostEnd, new HciHostOptions { CommandTimeout = TimeSpan.FromMilliseconds(500) });
        _host.Start();
    }

    [Fact]
    public async Task A_command_waits_for_a_credit_when_the_controller_granted_none()
    {
        var ct = TestContext.Current.CancellationToken;
        var reset = _host.SendCommandAsync(HciCommands.Reset(), ct);
        await ExpectCommandAsync("01030C00");
        await ControllerSendsAsync("040E0400030C00"); // complete, but 0 credits

        await reset;
        var next = _host.SendCommandAsync(HciCommands.ReadBdAddr(), ct);
        await Task.Delay(100, ct);
        Assert.Equal(0, await AvailableToControllerAsync());

        await ControllerSendsAsync("040E0301" + "0000"); // NOP: one credit again
        await ExpectCommandAsync("01091000");
        await ControllerSendsAsync("040E0A01091000" + "665544332211");
        Assert.Equal(Convert.FromHexString("665544332211"), await next);
    }

    [Fact]
    public async Task A_command_the_controller_never_answers_times_out_naming_it()
    {
        var ex = await Assert.ThrowsAsync<HciCommandTimeoutException>(() => _host.SendCommandAsync(HciCommands.Reset(), TestContext.Current.CancellationToken));
        Assert.Contains("Reset (0x0C03)", ex.Message, StringComparison.Ordinal);
        await ExpectCommandAsync("01030C00");
    }

    [Fact]
    public async Task A_per_command_timeout_overrides_the_default()
    {
        var ex = await Assert.ThrowsAsync<HciCommandTimeoutException>(
            () => _host.SendCommandAsync(HciCommands.ReadBdAddr(), TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken));
        Assert.Contains("within 50 ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_status_with_an_error_fails_the_command()
    {
        var pending = _host.SendCommandAsync(HciCommands.LeSetScanEnable(true, false), TestContext.Current.CancellationToken);
        await ExpectCommandAsync("010C20020100");
        await ControllerSendsAsync("040F040C010C20");

        var ex = await Assert.ThrowsAsync<HciException>(() => pending);
        Assert.Equal(0x0C, ex.Status);
    }

    [Fact]
    public async Task Garbage_unknown_events_and_lying_reports_are_counted_and_the_link_keeps_working()
    {
        var ct = TestContext.Current.CancellationToken;
        await ControllerSendsAsync("FF7E" + "04C50100" + "043E0402" + "010000" + "040E0401AAAA00");
        var reset = _host.SendCommandAsync(HciCommands.Reset(), ct);
        await ExpectCommandAsync("01030C00");
        await ControllerSendsAsync("040E0401030C00");
        await reset;

        Assert.Equal(2, _host.InputErrors[HciInputError.UnknownPacketType]);
        Assert.Equal(1, _host.InputErrors[HciInputError.UnknownEvent]);
        Assert.Equal(1, _host.InputErrors[HciInputError.MalformedAdvertisingReport]);
        Assert.Equal(1, _host.InputErrors[HciInputError.UnexpectedCommandResponse]);
    }

    [Fact]
    public async Task A_closed_link_fails_the_waiting_command_instead_of_hanging()
    {
        var pending = _host.SendCommandAsync(HciCommands.Reset(), TestContext.Current.CancellationToken);
        await ExpectCommandAsync("01030C00");
        await _link.DeviceEnd.DisposeAsync();

        await Assert.ThrowsAsync<IOException>(() => pending);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _link.DisposeAsync();
    }

    [Fact]
    public async Task A_connection_is_created_acl_fragments_wait_for_buffer_credits_and_a_disconnection_returns_them()
    {
        var ct = TestContext.Current.CancellationToken;
        using var manager = new LeConnectionManager(_host, aclDataLength: 27, aclPackets: 2);
        _host.Connections = manager;
        var connect = manager.ConnectAsync(new BluetoothAddress(0xC10000000001), 1, TimeSpan.FromSeconds(5), null, ct);

        // LE Create Connection (7.8.12): scan 0x0060/0x0030, filter 0, peer random C1:00:00:00:00:01, own public,
        // interval 0x0018-0x0028, latency 0, supervision 0x0190, CE lengths 0.
        await ExpectCommandAsync("010D2019" + "6000" + "3000" + "00" + "01" + "0100000000C1" + "00" + "1800" + "2800" + "0000" + "9001" + "0000" + "0000");
        await ControllerSendsAsync("040F0400010D20");
        // LE Enhanced Connection Complete [v1] (7.7.65.10): handle 0x0040, central, both RPAs zero, interval 0x0018.
        await ControllerSendsAsync("043E1F" + "0A" + "00" + "4000" + "00" + "01" + "0100000000C1" + "000000000000" + "000000000000" + "1800" + "0000" + "9001" + "00");
        var link = await connect;
        Assert.Equal(0x0040, link.Handle);

        // 60 bytes of ATT + 4 of L2CAP header = 27 + 27 + 10: the third fragment waits for Number Of Completed Packets.
        var send = link.SendAsync(0x0004, new byte[60], ct);
        await ExpectCommandAsync("02" + "4000" + "1B00" + "3C000400" + new string('0', 46));
        await ExpectCommandAsync("02" + "4010" + "1B00" + new string('0', 54));
        Assert.Equal(0, await AvailableToControllerAsync());
        await ControllerSendsAsync("0413050140000100");
        await ExpectCommandAsync("02" + "4010" + "0A00" + new string('0', 20));
        await send;
        Assert.Equal(0, manager.CreditsAvailable);

        // A Read Response in two ACL fragments (first automatically flushable, then continuing) reassembles into one PDU.
        await ControllerSendsAsync("02" + "4020" + "0500" + "04000400" + "0B");
        await ControllerSendsAsync("02" + "4010" + "0300" + "010203");
        Assert.Equal("0B010203", Convert.ToHexString(await link.ReceiveAttAsync(ct)));

        // Disconnection Complete (reason 0x08): the credits of the two packets still in the controller come back, readers fail.
        await ControllerSendsAsync("04050400400008");
        Assert.Equal(8, await link.Closed.WaitAsync(TimeSpan.FromSeconds(5), ct));
        Assert.Equal(2, manager.CreditsAvailable);
        await Assert.ThrowsAsync<LeDisconnectedException>(async () => await link.ReceiveAttAsync(ct));
    }

    [Fact]
    public async Task A_connection_attempt_nobody_answers_is_cancelled_and_reported_as_timed_out()
    {
        var ct = TestContext.Current.CancellationToken;
        using var manager = new LeConnectionManager(_host, 27, 2);
        _host.Connections = manager;
        var connect = manager.ConnectAsync(new BluetoothAddress(0xC10000000001), 1, TimeSpan.FromMilliseconds(200), null, ct);
        await ExpectCommandAsync("010D2019" + "6000" + "3000" + "00" + "01" + "0100000000C1" + "00" + "1800" + "2800" + "0000" + "9001" + "0000" + "0000");
        await ControllerSendsAsync("040F0400010D20");

        await ExpectCommandAsync("010E2000");
        await ControllerSendsAsync("040E04010E2000");
        // The cancelled attempt ends with LE Connection Complete, status Unknown Connection Identifier (7.8.13).
        await ControllerSendsAsync("043E13" + "01" + "02" + new string('0', 34));

        var error = await Assert.ThrowsAsync<LeConnectionFailedException>(() => connect);
        Assert.True(error.TimedOut);
    }

    private async Task ExpectCommandAsync(string hex)
    {
        var expected = Convert.FromHexString(hex);
        var actual = new byte[expected.Length];
        await _link.DeviceEnd.ReadExactlyAsync(actual, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(expected, actual);
    }

    private async Task ControllerSendsAsync(string hex) =>
        await _link.DeviceEnd.WriteAsync(Convert.FromHexString(hex), TestContext.Current.CancellationToken);

    private async Task<int> AvailableToControllerAsync()
    {
        using var probe = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        try
        {
            return await _link.DeviceEnd.ReadAsync(new byte[16], probe.Token);
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }
}

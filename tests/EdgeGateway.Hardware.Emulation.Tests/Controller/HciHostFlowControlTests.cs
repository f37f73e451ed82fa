using EdgeGateway.Hardware.Emulation.Links;
using EdgeGateway.Hardware.Hci;

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

using EdgeGateway.Hardware.Emulation.Controller;
using EdgeGateway.Hardware.Emulation.Links;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Emulation.Tests.Advertising;

/// <summary>One emulated controller on its own H4 link, with the real HciHost and LeController on the host end.</summary>
internal sealed class EmulatedRadio : IAsyncDisposable
{
    private readonly DuplexLink _link = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public EmulatedRadio(EmulatedControllerOptions options, bool withHost = true)
    {
        Emulator = new EmulatedLeController(_link.DeviceEnd, [], options);
        _run = Emulator.RunAsync(_stop.Token);
        if (withHost)
        {
            Host = new HciHost(_link.HostEnd);
            Host.Start();
            Controller = new LeController(Host);
        }
    }

    public EmulatedLeController Emulator { get; }

    public HciHost? Host { get; }

    public LeController? Controller { get; }

    /// <summary>The raw host end, for tests that speak bytes to the emulator themselves.</summary>
    public Stream HostEnd => _link.HostEnd;

    /// <summary>Writes one command packet and reads back its 7-byte-plus Command Complete event.</summary>
    public async Task<byte[]> ExchangeAsync(string commandHex, int responseLength, CancellationToken cancellationToken)
    {
        await _link.HostEnd.WriteAsync(Convert.FromHexString(commandHex), cancellationToken);
        var response = new byte[responseLength];
        await _link.HostEnd.ReadExactlyAsync(response, cancellationToken);
        return response;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await _run;
        Emulator.Dispose();
        await _link.DisposeAsync();
        _stop.Dispose();
    }
}

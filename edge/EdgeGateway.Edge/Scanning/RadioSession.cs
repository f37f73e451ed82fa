using EdgeGateway.Hardware.Emulation.Controller;
using EdgeGateway.Hardware.Emulation.Links;
using EdgeGateway.Hardware.Hci;
using EdgeGateway.Hardware.Hci.Advertising;
using EdgeGateway.Hardware.Hci.Connections;
using EdgeGateway.Hardware.Hci.Transports;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Edge.Scanning;

/// <summary>
/// An open radio: the transport chosen by <see cref="ScanningOptions"/>, an HCI host on it, the controller
/// brought up and scanning. With <see cref="RadioTransport.Simulate"/> the transport is an in-memory H4 link
/// to the emulated controller; the host code cannot tell the difference.
/// </summary>
public sealed class RadioSession : IAsyncDisposable
{
    private readonly DuplexLink? _link;
    private readonly EmulatedLeController? _emulator;
    private readonly Task? _emulatorRun;
    private readonly CancellationTokenSource _stop;
    private readonly SemaphoreSlim _lend = new(1, 1);
    private ScanParameters? _scan;
    private bool _allowExtended;

    private RadioSession(HciHost host, DuplexLink? link, EmulatedLeController? emulator, Task? emulatorRun, CancellationTokenSource stop)
    {
        Host = host;
        Controller = new LeController(host);
        _link = link;
        _emulator = emulator;
        _emulatorRun = emulatorRun;
        _stop = stop;
    }

    public HciHost Host { get; }

    public LeController Controller { get; }

    public ControllerInfo? Info => Controller.Info;

    /// <summary>LE connections on this radio (beacon configuration); set once the controller is up.</summary>
    public LeConnectionManager? Connections { get; private set; }

    /// <summary>The gateway's own advertising on this radio (beacon configuration puts the desired frames on air); set once the controller is up.</summary>
    public OwnAdvertiser? Advertiser { get; private set; }

    /// <summary>The emulated controller in simulate mode (its virtual beacons' fault knobs), else null.</summary>
    public EmulatedLeController? Emulator => _emulator;

    /// <summary>
    /// Lends the radio to <paramref name="work"/> (a GATT session) with scanning paused: not every controller can scan
    /// and initiate at once, and a paused scan only costs the reports of those few hundred milliseconds. One loan at a
    /// time; scanning resumes with the same parameters afterwards, also when the work fails.
    /// </summary>
    public async Task<T> LendAsync<T>(Func<LeConnectionManager, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var connections = Connections ?? throw new InvalidOperationException("The radio is not up yet.");
        await _lend.WaitAsync(cancellationToken);
        try
        {
            await Controller.StopScanningAsync(cancellationToken);
            try
            {
                return await work(connections, cancellationToken);
            }
            finally
            {
                if (_scan is not null && !Host.Completion.IsCompleted)
                {
                    await Controller.StartScanningAsync(_scan, _allowExtended, CancellationToken.None);
                }
            }
        }
        finally
        {
            _lend.Release();
        }
    }

    /// <summary>Opens the transport, brings the controller up and starts scanning; reports go to <paramref name="onReport"/>.</summary>
    public static async Task<RadioSession> OpenAsync(ScanningOptions options, AdvertisingReportHandler onReport, ILogger logger,
        TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stop = new CancellationTokenSource();
        DuplexLink? link = null;
        EmulatedLeController? emulator = null;
        Task? emulatorRun = null;
        Stream stream;
        switch (options.Transport)
        {
            case RadioTransport.Simulate:
                link = new DuplexLink();
                emulator = new EmulatedLeController(link.DeviceEnd, VirtualStore.Create(options.SimulatedBeacons), timeProvider: timeProvider);
                emulatorRun = emulator.RunAsync(stop.Token);
                stream = link.HostEnd;
                break;
            case RadioTransport.Serial:
                stream = SerialH4Transport.Open(options.SerialPort!, options.Baud, options.RtsCts);
                break;
            default:
                stream = HciUserChannel.Open(options.HciDevice);
                break;
        }

        var host = new HciHost(stream, logger: logger, timeProvider: timeProvider) { AdvertisingReportReceived = onReport };
        var session = new RadioSession(host, link, emulator, emulatorRun, stop);
        try
        {
            host.Start();
            var info = await session.Controller.InitializeAsync(cancellationToken);
            session.Connections = LeConnectionManager.Attach(host, info, timeProvider);
            session.Advertiser = new OwnAdvertiser(host, session.Controller, null, timeProvider, logger);
            session._scan = options.ToScanParameters();
            session._allowExtended = options.AllowExtended;
            await session.Controller.StartScanningAsync(session._scan, session._allowExtended, cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Controller.Scanning && !Host.Completion.IsCompleted)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await Controller.StopScanningAsync(quick.Token);
            }
        }
        catch (Exception ex) when (ex is HciException or TimeoutException or IOException or OperationCanceledException or InvalidOperationException)
        {
            // Best effort: the radio may already be gone; closing the transport below is what matters.
        }

        if (Advertiser is not null)
        {
            await Advertiser.DisposeAsync();
        }

        await Host.DisposeAsync();
        Connections?.Dispose();
        _lend.Dispose();
        await _stop.CancelAsync();
        if (_emulatorRun is not null)
        {
            await _emulatorRun;
        }

        _emulator?.Dispose();
        if (_link is not null)
        {
            await _link.DisposeAsync();
        }

        _stop.Dispose();
    }
}

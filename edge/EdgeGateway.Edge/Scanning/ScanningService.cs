using EdgeGateway.Hardware.Hci;
using EdgeGateway.Hardware.Hci.Transports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Scanning;

/// <summary>
/// Keeps the radio scanning for the life of the host: opens it, feeds every report into the
/// <see cref="ReportPipeline"/>, and when the transport fails (dongle unplugged, controller reset) logs the
/// reason once per failure and reopens it after <see cref="ScanningOptions.RestartDelay"/>.
/// </summary>
public sealed class ScanningService(
    IOptions<ScanningOptions> options,
    ReportPipeline pipeline,
    TimeProvider timeProvider,
    ILogger<ScanningService> logger) : BackgroundService
{
    /// <summary>The controller of the current session, for status pages.</summary>
    public ControllerInfo? Controller { get; private set; }

    /// <summary>The open radio, for services that borrow it (beacon configuration); null while it is down.</summary>
    public RadioSession? Session { get; private set; }

    /// <summary>Why the radio is not scanning, or null while it is.</summary>
    public string? LastError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var session = await RadioSession.OpenAsync(settings, pipeline.Handler, logger, timeProvider, stoppingToken);
                Controller = session.Info;
                Session = session;
                LastError = null;
                logger.LogInformation("Scanning on {Transport} with controller {Address} (Bluetooth {Version}, manufacturer 0x{Manufacturer:X4}, extended {Extended})",
                    settings.Transport, session.Info?.Address.ToString(), session.Info?.CoreVersionName, session.Info?.Manufacturer, session.Controller.UsesExtendedScanning);
                try
                {
                    await session.Host.Completion.WaitAsync(stoppingToken);
                }
                finally
                {
                    Session = null;
                }

                LastError = "the HCI transport closed";
                logger.LogWarning("The radio transport closed; reopening in {Delay}", settings.RestartDelay);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HciTransportException or HciException or TimeoutException or IOException or UnauthorizedAccessException)
            {
                LastError = ex.Message;
                logger.LogError("Radio unavailable: {Reason}; retrying in {Delay}", ex.Message, settings.RestartDelay);
            }

            await Task.Delay(settings.RestartDelay, timeProvider, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}

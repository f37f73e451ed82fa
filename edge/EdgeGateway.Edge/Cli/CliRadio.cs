using EdgeGateway.Edge.Scanning;
using EdgeGateway.Hardware.Hci;
using EdgeGateway.Hardware.Hci.Transports;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Edge.Cli;

/// <summary>Opening the radio for a one-shot verb (`scan`, `beacon`): the failures a technician can act on become one line.</summary>
internal static class CliRadio
{
    /// <summary>The exit code when the radio cannot be opened or closes under the verb.</summary>
    public const int Unavailable = 3;

    /// <summary>The open radio, or null after printing "edgegw {verb}: radio unavailable: …".</summary>
    public static async Task<RadioSession?> OpenAsync(string verb, ScanningOptions options, ReportPipeline pipeline, TimeProvider time, TextWriter error, CancellationToken ct)
    {
        try
        {
            return await RadioSession.OpenAsync(options, pipeline.Handler, NullLogger.Instance, time, ct);
        }
        catch (Exception ex) when (ex is HciTransportException or HciException or TimeoutException or IOException)
        {
            await error.WriteLineAsync($"edgegw {verb}: radio unavailable: {ex.Message}");
            return null;
        }
    }
}

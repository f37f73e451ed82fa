using System.CommandLine;
using System.Globalization;
using EdgeGateway.Edge.Scanning;
using EdgeGateway.Edge.Tracking;
using EdgeGateway.Hardware.Hci;
using EdgeGateway.Hardware.Hci.Transports;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Edge.Cli;

/// <summary>
/// `edgegw scan`: opens the radio on its own (no daemon, no outbox), scans, and shows the beacons heard:
/// a live table on a terminal, or one plain status line per second when output is redirected.
/// </summary>
internal static class ScanVerb
{
    public static Command Create()
    {
        var radio = new RadioCliOptions();
        var seconds = new Option<double>("--seconds") { Description = "stop after this many seconds (0 = until Ctrl+C)", DefaultValueFactory = _ => 0 };
        var active = new Option<bool>("--active") { Description = "active scanning (asks for scan responses; transmits)" };
        var command = new Command("scan", "Scan for BLE beacons and show them live with the reports/s rate") { seconds, active };
        radio.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var error = result.InvocationConfiguration.Error;
            var (options, problem) = radio.Read(result);
            if (options is null || result.GetValue(seconds) < 0)
            {
                await error.WriteLineAsync($"edgegw scan: {problem ?? "--seconds must not be negative"}");
                return 2;
            }

            options.Active = result.GetValue(active);
            var output = result.InvocationConfiguration.Output;
            var live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            return await RunAsync(options, TimeSpan.FromSeconds(result.GetValue(seconds)), output, error, live, ct);
        });
        return command;
    }

    internal static async Task<int> RunAsync(ScanningOptions options, TimeSpan duration, TextWriter output, TextWriter error, bool live, CancellationToken ct)
    {
        var time = TimeProvider.System;
        var tracker = new BeaconTracker(new TrackingOptions { LostAfter = TimeSpan.FromSeconds(30), TrackUnknownDevices = false });
        var pipeline = new ReportPipeline(tracker, time);
        if (await CliRadio.OpenAsync("scan", options, pipeline, time, error, ct) is not { } session)
        {
            return CliRadio.Unavailable;
        }

        await using (session)
        {
            var info = session.Info!;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"controller {info.Address} Bluetooth {info.CoreVersionName} manufacturer 0x{info.Manufacturer:X4}, {(session.Controller.UsesExtendedScanning ? "extended" : "legacy")} {(options.Active ? "active" : "passive")} scanning on {Describe(options)}"));
            var started = time.GetTimestamp();
            var lastReports = 0L;
            var lastTick = started;
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
            try
            {
                while (duration == TimeSpan.Zero || time.GetElapsedTime(started) < duration)
                {
                    var remaining = duration == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : duration - time.GetElapsedTime(started);
                    using var tick = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    if (remaining != Timeout.InfiniteTimeSpan)
                    {
                        tick.CancelAfter(remaining);
                    }

                    try
                    {
                        await timer.WaitForNextTickAsync(tick.Token);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                    }

                    if (session.Host.Completion.IsCompleted)
                    {
                        await error.WriteLineAsync("edgegw scan: the radio transport closed");
                        return CliRadio.Unavailable;
                    }

                    var now = time.GetTimestamp();
                    var reports = session.Host.ReportsReceived;
                    var rate = (reports - lastReports) / Math.Max(0.001, time.GetElapsedTime(lastTick, now).TotalSeconds);
                    (lastReports, lastTick) = (reports, now);
                    await WriteStatusAsync(output, tracker, session, rate, live, time.GetUtcNow());
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }

            if (!live)
            {
                await output.WriteAsync(ScanTable.Format(tracker.Snapshot(time.GetUtcNow()), time.GetUtcNow(), int.MaxValue));
            }
        }

        return 0;
    }

    private static async Task WriteStatusAsync(TextWriter output, BeaconTracker tracker, RadioSession session, double rate, bool live, DateTimeOffset now)
    {
        var counters = tracker.Counters;
        var status = string.Create(CultureInfo.InvariantCulture,
            $"reports/s {rate:0} beacons {counters.Tracked} reports {session.Host.ReportsReceived} bad-input {session.Host.InputErrors.Total} evicted {counters.Evicted}");
        if (live)
        {
            var rows = Math.Max(5, Console.WindowHeight - 4);
            // Home the cursor and clear the screen each second: a plain ANSI live view that works over ssh.
            await output.WriteAsync("\u001b[H\u001b[2J" + status + Environment.NewLine + ScanTable.Format(tracker.Snapshot(now), now, rows));
        }
        else
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{now:HH:mm:ss} {status}"));
        }
    }

    private static string Describe(ScanningOptions options) => options.Transport switch
    {
        RadioTransport.Simulate => $"the emulated controller ({options.SimulatedBeacons} virtual beacons)",
        RadioTransport.Serial => $"{options.SerialPort} at {options.Baud} baud",
        _ => $"hci{options.HciDevice} (user channel)",
    };
}

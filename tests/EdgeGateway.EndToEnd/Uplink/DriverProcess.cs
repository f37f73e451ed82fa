using System.Diagnostics;
using System.Threading.Channels;
using EdgeGateway.Testing.Mqtt;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.EndToEnd.Uplink;

/// <summary>
/// tests/EdgeGateway.OutboxDriver as a real process: the real outbox + uplink appending a burst and printing
/// "durable n" lines, so a test can SIGKILL it at any point and start it again on the same database.
/// </summary>
public sealed class DriverProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private DriverProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
            }
            else
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The last item number this run reported durable, or null.</summary>
    public int? LastDurable { get; private set; }

    public bool BurstDone { get; private set; }

    public static DriverProcess Start(MosquittoBroker broker, string gatewayId, string databasePath, int from, int count)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "EdgeGateway.OutboxDriver");
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     $"--Outbox:DatabasePath={databasePath}",
                     $"--Uplink:Host={broker.Host}",
                     $"--Uplink:Port={broker.Port}",
                     $"--Uplink:GatewayId={gatewayId}",
                     "--Uplink:UseTls=false",
                     "--Uplink:KeepAlive=00:00:05",
                     "--Uplink:ReconnectMinDelay=00:00:00.100",
                     "--Uplink:ReconnectMaxDelay=00:00:01",
                     "--Uplink:BatchMaxItems=50",
                     "--Uplink:PublishesPerSecond=5000",
                     $"--Burst:From={from}",
                     $"--Burst:Count={count}",
                     "--Burst:Chunk=50",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        return new DriverProcess(Process.Start(startInfo) ?? throw new InvalidOperationException("driver did not start"));
    }

    /// <summary>Reads stdout until <paramref name="durableLines"/> "durable" lines or the end of the burst.</summary>
    public async Task WaitForDurableLinesAsync(int durableLines, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var seen = 0;
        while (seen < durableLines && !BurstDone)
        {
            var line = await _lines.Reader.ReadAsync(timeout.Token);
            if (line.StartsWith("durable ", StringComparison.Ordinal))
            {
                LastDurable = int.Parse(line["durable ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                seen++;
            }
            else if (line == "burst-done")
            {
                BurstDone = true;
            }
        }
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            PosixSignal.Send(_process.Id, PosixSignal.Kill);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            PosixSignal.Send(_process.Id, PosixSignal.Terminate);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        _process.Dispose();
    }
}

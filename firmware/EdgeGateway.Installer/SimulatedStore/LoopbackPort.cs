using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Installer.SimulatedStore;

/// <summary>Loopback TCP ports for the simulated store's parts.</summary>
public static class LoopbackPort
{
    /// <summary>The preferred port when it is free (so the usual URLs work), else any free one.</summary>
    public static int FreeOrAny(int preferred)
    {
        foreach (var candidate in new[] { preferred, 0 })
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, candidate);
                listener.Start();
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            catch (SocketException)
            {
                // Taken: fall through to an ephemeral port.
            }
        }

        throw new InvalidOperationException("no free TCP port on loopback");
    }

    public static async Task WaitUntilListeningAsync(int port, string what, ChildProcess process, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{what} exited with code {process.ExitCode} at start; see its output above");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new TimeoutException($"{what} did not listen on 127.0.0.1:{port}");
    }
}

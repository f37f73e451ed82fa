using System.Net.Sockets;
using System.Text;

namespace EdgeGateway.Edge.Hosting;

/// <summary>
/// Speaks the sd_notify datagram protocol to the socket systemd names in NOTIFY_SOCKET (READY=1,
/// STOPPING=1, WATCHDOG=1, STATUS=…). Outside systemd (no NOTIFY_SOCKET) every call is a no-op, so the
/// same daemon runs from a terminal. Our own implementation because the hosting package's systemd
/// lifetime has no watchdog support, and the watchdog must follow our health, not just liveness.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endPoint;

    public SystemdNotifier(string? notifySocket, string? watchdogMicroseconds, string? watchdogPid, int ownPid)
    {
        if (!string.IsNullOrEmpty(notifySocket))
        {
            // A leading '@' names a socket in the abstract namespace, spelled with a NUL byte on the wire.
            var path = notifySocket[0] == '@' ? "\0" + notifySocket[1..] : notifySocket;
            _endPoint = new UnixDomainSocketEndPoint(path);
            _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        }

        var pidMatches = string.IsNullOrEmpty(watchdogPid) ||
                         (int.TryParse(watchdogPid, out var pid) && pid == ownPid);
        if (pidMatches && long.TryParse(watchdogMicroseconds, out var usec) && usec > 0)
        {
            WatchdogInterval = TimeSpan.FromMicroseconds(usec);
        }
    }

    /// <summary>Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID from the environment systemd gave us.</summary>
    public static SystemdNotifier FromEnvironment() =>
        new(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"),
            Environment.GetEnvironmentVariable("WATCHDOG_USEC"),
            Environment.GetEnvironmentVariable("WATCHDOG_PID"),
            Environment.ProcessId);

    public bool IsEnabled => _socket is not null;

    /// <summary>The WatchdogSec the unit asked for, when the watchdog is on for this process.</summary>
    public TimeSpan? WatchdogInterval { get; }

    public void Ready(string status) => Send($"READY=1\nSTATUS={Clean(status)}");

    public void Stopping() => Send("STOPPING=1");

    public void WatchdogPing() => Send("WATCHDOG=1");

    public void Status(string status) => Send($"STATUS={Clean(status)}");

    public void Dispose() => _socket?.Dispose();

    private void Send(string message)
    {
        if (_socket is null || _endPoint is null)
        {
            return;
        }

        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(message), _endPoint);
        }
        catch (SocketException)
        {
            // systemd gone (shutdown) or the socket is not ours: nothing useful to do, and the daemon must not die for it.
        }
    }

    private static string Clean(string status) => status.Replace('\n', ' ');
}

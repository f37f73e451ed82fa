using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace EdgeGateway.Edge.Uplink;

/// <summary>
/// Turns a failed connection into the one line a technician can act on ("the client certificate expired on
/// …", "the broker refused the connection on port …") instead of the library's "Error while connecting host".
/// The same line reaches the page, the self-test and the log.
/// </summary>
public static class ConnectFailure
{
    /// <summary>A problem with this gateway's own certificate that makes connecting pointless, or null.</summary>
    public static string? ClientCertificateProblem(UplinkOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.UseTls || string.IsNullOrEmpty(options.ClientCertificateFile) || !File.Exists(options.ClientCertificateFile))
        {
            return null;
        }

        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(options.ClientCertificateFile));
        if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime)
        {
            return $"this gateway's client certificate ({options.ClientCertificateFile}) expired on {Day(certificate.NotAfter)}: issue a new one with `gatewayctl provision --force` (the broker refuses expired certificates)";
        }

        if (certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
        {
            return $"this gateway's client certificate is valid only from {Day(certificate.NotBefore)} but the clock says {Day(now.UtcDateTime)}: the clock is wrong (check time sync)";
        }

        return null;
    }

    /// <summary>Why the broker's certificate was not accepted, for <see cref="MqttConnectionOptions"/>'s validation.</summary>
    public static string BrokerCertificateRejected(string host, string caFile, string why) =>
        $"the broker at {host} presented a certificate this gateway does not accept: {why} (trusted CA: {caFile})";

    /// <param name="duringConnect">True when the failure came before the broker's CONNACK (TCP, TLS or CONNECT).</param>
    public static string Describe(Exception exception, UplinkOptions options, string? brokerRejection, bool duringConnect)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(options);
        if (brokerRejection is not null)
        {
            return brokerRejection;
        }

        var broker = $"{options.Host}:{options.Port.ToString(CultureInfo.InvariantCulture)}";
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return $"the broker {broker} refused the connection: nothing listens there (broker down, or wrong Uplink:Port)";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return $"cannot resolve the broker's name '{options.Host}' (DNS, or a typo in Uplink:Host)";
                case SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable } socket:
                    return $"no route to the broker {broker} ({socket.SocketErrorCode}): check the shop's network and firewall";
                case AuthenticationException authentication:
                    return $"TLS with the broker {broker} failed: {authentication.Message}";
            }
        }

        // The TCP connection was made (a refusal is handled above), so a TLS connect that then fails is the broker
        // hanging up on the handshake: how .NET words it varies (EOF, decryption failed, endpoint not connected).
        if (duringConnect && options.UseTls)
        {
            return $"the broker {broker} closed the connection during the TLS handshake: it most likely did not accept this gateway's client certificate (missing, expired, revoked, or from another fleet's CA); detail: {exception.Message}";
        }

        return $"{broker}: {exception.Message}";
    }

    private static string Day(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

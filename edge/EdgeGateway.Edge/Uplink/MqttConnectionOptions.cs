using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EdgeGateway.Protocol.Topics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Edge.Uplink;

/// <summary>
/// Turns <see cref="UplinkOptions"/> into MQTTnet client options: MQTT 5, clean start, keep-alive, the
/// retained last will for this session, and TLS with our own CA (the fleet's broker is not signed by a
/// public CA, and the system store must not be able to impersonate it).
/// </summary>
public static class MqttConnectionOptions
{
    /// <param name="onBrokerRejected">Told why the broker's certificate was refused, when it is.</param>
    public static MqttClientOptions Build(UplinkOptions options, byte[] willPayload, Action<string>? onBrokerRejected = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(options.GatewayId)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithTimeout(options.CommunicationTimeout)
            .WithWillTopic(GatewayTopics.Status(options.GatewayId))
            .WithWillPayload(willPayload)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (!string.IsNullOrEmpty(options.Username))
        {
            builder.WithCredentials(options.Username, options.Password ?? string.Empty);
        }

        if (options.UseTls)
        {
            var ca = string.IsNullOrEmpty(options.CaFile) ? null : X509Certificate2.CreateFromPem(File.ReadAllText(options.CaFile));
            var clientCertificates = new List<X509Certificate2>();
            if (!string.IsNullOrEmpty(options.ClientCertificateFile))
            {
                clientCertificates.Add(X509Certificate2.CreateFromPemFile(options.ClientCertificateFile, options.ClientKeyFile));
            }

            builder.WithTlsOptions(tls =>
            {
                tls.UseTls(true)
                    .WithTargetHost(options.TlsServerName ?? options.Host)
                    .WithClientCertificates(clientCertificates);
                if (ca is not null)
                {
                    tls.WithCertificateValidationHandler(e =>
                    {
                        var why = WhyNotAccepted(e.Certificate, e.SslPolicyErrors, ca);
                        if (why is not null)
                        {
                            onBrokerRejected?.Invoke(ConnectFailure.BrokerCertificateRejected(options.Host, options.CaFile!, why));
                        }

                        return why is null;
                    });
                }
            });
        }

        return builder.Build();
    }

    /// <summary>Accepts the broker's certificate only when its name matches and it chains to <paramref name="ca"/>.</summary>
    public static bool IsSignedBy(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 ca) =>
        WhyNotAccepted(certificate, errors, ca) is null;

    /// <summary>Null when the broker's certificate names the host and chains to <paramref name="ca"/>, else the reason.</summary>
    public static string? WhyNotAccepted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 ca)
    {
        ArgumentNullException.ThrowIfNull(ca);
        if (certificate is null)
        {
            return "no certificate";
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return "it does not name the host this gateway dials (set Uplink:TlsServerName, or re-issue the broker certificate with `gatewayctl fleet init --broker-host`)";
        }

        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return errors.ToString();
        }

        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain.Build(server))
        {
            return null;
        }

        var status = chain.ChainStatus.Select(s => s.Status).ToList();
        return status.Contains(X509ChainStatusFlags.NotTimeValid)
            ? $"it is outside its validity ({server.NotBefore:yyyy-MM-dd} to {server.NotAfter:yyyy-MM-dd}; is this gateway's clock right?)"
            : "it is not issued by this fleet's CA (wrong CA file on the gateway, or the wrong broker)";
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeGateway.Testing.Mqtt;

/// <summary>
/// A throwaway PKI made in memory for one test: a CA, a broker certificate for localhost/127.0.0.1 and a
/// client certificate whose common name is the gateway id (mosquitto's use_identity_as_username). PEM text only.
/// </summary>
public sealed class TestPki
{
    private TestPki(string caPem, string serverPem, string serverKeyPem, string clientPem, string clientKeyPem)
    {
        CaPem = caPem;
        ServerCertificatePem = serverPem;
        ServerKeyPem = serverKeyPem;
        ClientCertificatePem = clientPem;
        ClientKeyPem = clientKeyPem;
    }

    public string CaPem { get; }

    public string ServerCertificatePem { get; }

    public string ServerKeyPem { get; }

    public string ClientCertificatePem { get; }

    public string ClientKeyPem { get; }

    /// <summary>Files for the broker's directory, referenced by <see cref="ListenerConfiguration"/>.</summary>
    public IReadOnlyDictionary<string, string> BrokerFiles => new Dictionary<string, string>
    {
        ["ca.pem"] = CaPem,
        ["server.pem"] = ServerCertificatePem,
        ["server.key"] = ServerKeyPem,
    };

    /// <param name="clientExpired">Issue the client certificate already expired (valid from 3 days ago to yesterday).</param>
    public static TestPki Create(string clientCommonName, bool clientExpired = false)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=EdgeGateway test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-5), now.AddDays(2));

        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        var (serverPem, serverKey) = Issue(ca, "CN=localhost", "1.3.6.1.5.5.7.3.1", san.Build(), now, 1);
        var (clientPem, clientKey) = Issue(ca, $"CN={clientCommonName}", "1.3.6.1.5.5.7.3.2", null, clientExpired ? now.AddDays(-2) : now, 2);
        return new TestPki(ca.ExportCertificatePem(), serverPem, serverKey, clientPem, clientKey);
    }

    /// <summary>A TLS listener that refuses clients without a certificate signed by this CA.</summary>
    public static string ListenerConfiguration(int port) => $"""
        listener {port} 127.0.0.1
        cafile {"{dir}"}/ca.pem
        certfile {"{dir}"}/server.pem
        keyfile {"{dir}"}/server.key
        require_certificate true
        use_identity_as_username true
        """;

    /// <summary>Writes the client's files (ca.pem, client.pem, client.key) to a directory; returns their paths.</summary>
    public (string Ca, string Certificate, string Key) WriteClientFiles(string directory)
    {
        var ca = Path.Combine(directory, "ca.pem");
        var certificate = Path.Combine(directory, "client.pem");
        var key = Path.Combine(directory, "client.key");
        File.WriteAllText(ca, CaPem);
        File.WriteAllText(certificate, ClientCertificatePem);
        File.WriteAllText(key, ClientKeyPem);
        return (ca, certificate, key);
    }

    private static (string Certificate, string Key) Issue(
        X509Certificate2 ca, string subject, string usageOid, X509Extension? subjectAlternativeName, DateTimeOffset now, byte serial)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (subjectAlternativeName is not null)
        {
            request.CertificateExtensions.Add(subjectAlternativeName);
        }

        using var certificate = request.Create(ca, now.AddDays(-1), now.AddDays(1), [serial]);
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}

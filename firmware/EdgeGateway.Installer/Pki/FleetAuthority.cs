using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeGateway.Installer.Pki;

/// <summary>
/// The fleet's own certificate authority (ECDSA P-256): it signs the broker's server certificate and one
/// client certificate per gateway and bridge. The broker trusts only this CA, and takes each client's
/// identity from its certificate's common name, so a gateway cannot claim another's id.
/// </summary>
public sealed class FleetAuthority : IDisposable
{
    public static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);
    public static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(825);

    private FleetAuthority(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }

    public static FleetAuthority Create(string fleetName, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={fleetName} fleet CA,O=EdgeGateway", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        return new FleetAuthority(request.CreateSelfSigned(now.AddMinutes(-5), now.Add(CaLifetime)));
    }

    /// <summary>Uses an existing CA; it must be a CA certificate whose key we hold and that is valid now.</summary>
    public static FleetAuthority Load(string certificatePath, string keyPath, TimeProvider time)
    {
        var certificate = PemFile.ReadCertificateWithKey(certificatePath, keyPath);
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is not { CertificateAuthority: true })
        {
            throw new InvalidDataException($"{certificatePath} is not a CA certificate (no basicConstraints CA:TRUE)");
        }

        var now = time.GetUtcNow();
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            throw new InvalidDataException($"{certificatePath} is not valid now (valid {certificate.NotBefore:u} to {certificate.NotAfter:u})");
        }

        return new FleetAuthority(certificate);
    }

    /// <summary>The broker's TLS server certificate, for the names and addresses gateways will dial.</summary>
    public X509Certificate2 IssueServer(string commonName, IEnumerable<string> names, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LeafRequest(commonName, key, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names.Append(commonName).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(name, out var address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        return Sign(request, key, time);
    }

    /// <summary>A client certificate whose CN is the MQTT identity (gateway id or bridge id).</summary>
    public X509Certificate2 IssueClient(string identity, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LeafRequest(identity, key, X509KeyUsageFlags.DigitalSignature);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        return Sign(request, key, time);
    }

    public void Dispose() => Certificate.Dispose();

    private static CertificateRequest LeafRequest(string commonName, ECDsa key, X509KeyUsageFlags usage)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("EdgeGateway");
        subject.AddCommonName(commonName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private X509Certificate2 Sign(CertificateRequest request, ECDsa key, TimeProvider time)
    {
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var now = time.GetUtcNow();
        var notAfter = now.Add(LeafLifetime) < Certificate.NotAfter ? now.Add(LeafLifetime) : Certificate.NotAfter;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive, as RFC 5280 requires
        using var signed = request.Create(Certificate, now.AddMinutes(-5), notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>Serial numbers as colon-separated hex, the way openssl prints them, for the provisioning record.</summary>
    public static string SerialOf(X509Certificate2 certificate) =>
        string.Join(':', certificate.SerialNumberBytes.ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}

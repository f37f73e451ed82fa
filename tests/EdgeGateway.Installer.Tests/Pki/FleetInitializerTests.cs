using System.Security.Cryptography.X509Certificates;
using EdgeGateway.Installer.Pki;

namespace EdgeGateway.Installer.Tests.Pki;

public sealed class FleetInitializerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"egw-fleet-{Guid.NewGuid():N}");

    [Fact]
    public void Init_writes_a_ca_a_broker_certificate_bridge_certificates_and_broker_config()
    {
        var layout = Initialize();

        using var ca = PemFile.ReadCertificate(layout.CaCertificate);
        using var broker = PemFile.ReadCertificate(layout.BrokerCertificate);
        using var bridge = PemFile.ReadCertificate(layout.ClientCertificate("bridge"));
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(ca.Subject, broker.Issuer);
        Assert.Contains("broker.example.com", broker.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        Assert.Contains("127.0.0.1", string.Join(",", broker.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses()), StringComparison.Ordinal);
        Assert.Equal("bridge", bridge.GetNameInfo(X509NameType.SimpleName, false));
        Assert.True(ChainsTo(broker, ca));
        Assert.True(ChainsTo(bridge, ca));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(layout.CaKey));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(layout.BrokerKey));
        Assert.Contains("require_certificate true", File.ReadAllText(layout.MosquittoConfiguration), StringComparison.Ordinal);
        Assert.Contains("pattern write gw/v1/%u/up/#", File.ReadAllText(layout.Acl), StringComparison.Ordinal);
    }

    [Fact]
    public void Init_refuses_to_replace_an_existing_ca()
    {
        Initialize();

        var error = Assert.Throws<InvalidOperationException>(() => Initialize());

        Assert.Contains("refusing to replace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_imports_an_existing_ca_and_rejects_a_certificate_that_is_not_a_ca()
    {
        var first = Initialize();
        var second = new FleetInitializer(TimeProvider.System, TextWriter.Null).Initialize(new FleetInitializer.Request(
            _directory + "-import", "Shops", ["broker.example.com"], ["bridge"], 8883, first.CaCertificate, first.CaKey));

        Assert.Equal(File.ReadAllText(first.CaCertificate), File.ReadAllText(second.CaCertificate));
        var error = Assert.Throws<InvalidDataException>(() => new FleetInitializer(TimeProvider.System, TextWriter.Null).Initialize(
            new FleetInitializer.Request(_directory + "-bad", "Shops", ["b"], [], 8883, first.BrokerCertificate, first.BrokerKey)));
        Assert.Contains("is not a CA certificate", error.Message, StringComparison.Ordinal);
        Directory.Delete(_directory + "-import", recursive: true);
        Directory.Delete(_directory + "-bad", recursive: true);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    internal static bool ChainsTo(X509Certificate2 leaf, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    private FleetLayout Initialize() =>
        new FleetInitializer(TimeProvider.System, TextWriter.Null).Initialize(
            new FleetInitializer.Request(_directory, "Shops", ["broker.example.com", "127.0.0.1"], ["bridge"], 8883, null, null));
}

using System.Text.Json;
using EdgeGateway.Edge.Diagnostics.Auth;
using EdgeGateway.Installer.Pki;
using EdgeGateway.Installer.Provisioning;

namespace EdgeGateway.Installer.Tests.Provisioning;

public sealed class GatewayProvisionerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("egw-prov-").FullName;
    private readonly FleetLayout _fleet;
    private readonly string _boot;

    public GatewayProvisionerTests()
    {
        _fleet = new FleetInitializer(TimeProvider.System, TextWriter.Null).Initialize(
            new FleetInitializer.Request(Path.Combine(_root, "fleet"), "Shops", ["broker.example.com"], ["bridge"], 8883, null, null));
        _boot = Directory.CreateDirectory(Path.Combine(_root, "boot")).FullName;
    }

    [Fact]
    public void Provisioning_writes_settings_certificate_key_and_a_password_hash_that_verifies()
    {
        var result = Provision("shop-1");

        var layout = result.Layout;
        Assert.True(result.Changed);
        Assert.NotNull(result.Password);
        Assert.True(TechnicianPasswordHash.Parse(File.ReadAllText(layout.PasswordHash)).Verify(result.Password!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(layout.Key));
        using var certificate = PemFile.ReadCertificateWithKey(layout.Certificate, layout.Key);
        using var ca = PemFile.ReadCertificate(layout.CaCertificate);
        Assert.Equal("shop-1", certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
        Assert.True(Pki.FleetInitializerTests.ChainsTo(certificate, ca));
        using var settings = JsonDocument.Parse(File.ReadAllText(layout.Settings));
        Assert.Equal("shop-1", settings.RootElement.GetProperty("Gateway").GetProperty("GatewayId").GetString());
        Assert.Equal("broker.example.com", settings.RootElement.GetProperty("Uplink").GetProperty("Host").GetString());
        Assert.Equal(8883, settings.RootElement.GetProperty("Uplink").GetProperty("Port").GetInt32());
        Assert.Equal("/etc/edgegw/gateway.key", settings.RootElement.GetProperty("Uplink").GetProperty("ClientKeyFile").GetString());
        Assert.Equal("shop-1\n", File.ReadAllText(layout.CompleteMarker));
        Assert.DoesNotContain(result.Password!, string.Concat(Directory.GetFiles(layout.Directory).Select(File.ReadAllText)), StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(_boot, ".edgegw-staging-*"));
    }

    [Fact]
    public void Provisioning_the_same_gateway_again_changes_nothing()
    {
        var first = Provision("shop-1");
        var keyBefore = File.ReadAllText(first.Layout.Key);

        var second = Provision("shop-1");

        Assert.False(second.Changed);
        Assert.Null(second.Password);
        Assert.Equal(keyBefore, File.ReadAllText(first.Layout.Key));
    }

    [Fact]
    public void Another_gateways_card_is_refused_without_force_and_replaced_with_it()
    {
        Provision("shop-1");

        var refused = Assert.Throws<InvalidOperationException>(() => Provision("shop-2"));
        var forced = Provision("shop-2", force: true);

        Assert.Contains("provisioned as gateway 'shop-1'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Message, StringComparison.Ordinal);
        Assert.True(forced.Changed);
        Assert.Equal("shop-2\n", File.ReadAllText(forced.Layout.CompleteMarker));
    }

    [Fact]
    public void Rotating_the_password_keeps_the_identity_and_invalidates_the_old_password()
    {
        var first = Provision("shop-1");

        var rotated = Provision("shop-1", rotatePassword: true);

        var hash = TechnicianPasswordHash.Parse(File.ReadAllText(rotated.Layout.PasswordHash));
        Assert.NotNull(rotated.Password);
        Assert.True(hash.Verify(rotated.Password!));
        Assert.False(hash.Verify(first.Password!));
    }

    [Theory]
    [InlineData("bad/id", "mqtts://b:8883", "--gateway-id 'bad/id'")]
    [InlineData("shop-1", "mqtt://b:1883", "TLS is required")]
    public void Bad_input_is_refused_with_the_option_named(string gatewayId, string broker, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new GatewayProvisioner(TimeProvider.System).Provision(
            new ProvisioningRequest(gatewayId, "Shop", new Uri(broker), _fleet.Directory, _boot, false, false)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_boot, "edgegw")));
    }

    [Fact]
    public void A_folder_that_is_not_a_fleet_is_refused_before_anything_is_written()
    {
        var error = Assert.Throws<InvalidDataException>(() => new GatewayProvisioner(TimeProvider.System).Provision(
            new ProvisioningRequest("shop-1", "Shop", new Uri("mqtts://b:8883"), _boot, _boot, false, false)));

        Assert.Contains("is not a fleet directory", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_boot, "edgegw")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private GatewayProvisioner.Result Provision(string gatewayId, bool force = false, bool rotatePassword = false) =>
        new GatewayProvisioner(TimeProvider.System).Provision(
            new ProvisioningRequest(gatewayId, "Shop 12", new Uri("mqtts://broker.example.com:8883"), _fleet.Directory, _boot, force, rotatePassword));
}

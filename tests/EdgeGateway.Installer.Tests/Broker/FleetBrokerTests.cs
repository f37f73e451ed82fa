using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EdgeGateway.Installer.Broker;
using EdgeGateway.Installer.Pki;
using EdgeGateway.Testing.Mqtt;
using EdgeGateway.Testing.Tools;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Installer.Tests.Broker;

/// <summary>The broker configuration `gatewayctl fleet init` writes, run by a real mosquitto.</summary>
public sealed class FleetBrokerTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"egw-fleetbroker-{Guid.NewGuid():N}");
    private readonly int _tlsPort = FreePort.Next();
    private FleetLayout _fleet = null!;
    private MosquittoBroker? _broker;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        ExternalProgram.Mosquitto.Require();
        _fleet = new FleetInitializer(TimeProvider.System, TextWriter.Null).Initialize(
            new FleetInitializer.Request(_directory, "Shops", ["127.0.0.1", "localhost"], ["bridge"], _tlsPort, null, null));
        using (var authority = FleetAuthority.Load(_fleet.CaCertificate, _fleet.CaKey, TimeProvider.System))
        {
            FleetInitializer.IssueClient(authority, _fleet, "shop-1", TimeProvider.System).Dispose();
            FleetInitializer.IssueClient(authority, _fleet, "shop-2", TimeProvider.System).Dispose();
        }

        _broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            GlobalConfiguration = MosquittoFleetConfig.GlobalSettings(),
            ExtraConfiguration = MosquittoFleetConfig.Listener(_fleet.Directory, _tlsPort, "127.0.0.1"),
        }, Ct);
    }

    [Fact]
    public async Task A_gateway_with_its_fleet_certificate_publishes_under_its_own_id()
    {
        using var client = await ConnectAsync("shop-1");

        var result = await client.PublishAsync(Message("gw/v1/shop-1/status"), Ct);

        Assert.True(result.IsSuccess, result.ReasonCode.ToString());
    }

    [Fact]
    public async Task A_gateway_cannot_publish_under_another_gateways_id_even_with_that_client_id()
    {
        // shop-1's certificate, but claiming shop-2 as MQTT client id: the ACL follows the certificate.
        using var client = await ConnectAsync("shop-1", clientId: "shop-2");

        var result = await client.PublishAsync(Message("gw/v1/shop-2/up/heartbeats"), Ct);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
    }

    [Fact]
    public async Task The_bridge_reads_the_fleet_and_writes_desired_config()
    {
        using var bridge = await ConnectAsync("bridge");
        var subscribed = await bridge.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("$share/bridges/gw/v1/+/up/#", MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);
        var desired = await bridge.PublishAsync(Message("gw/v1/shop-1/config/desired"), Ct);
        var forged = await bridge.PublishAsync(Message("gw/v1/shop-1/up/heartbeats"), Ct);

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, subscribed.Items.Single().ResultCode);
        Assert.True(desired.IsSuccess, desired.ReasonCode.ToString());
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_refused()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(identity: null));

        Assert.True(error is MqttCommunicationException or AuthenticationException or IOException, error.ToString());
    }

    [Fact]
    public async Task A_certificate_from_another_ca_is_refused()
    {
        using var stranger = FleetAuthority.Create("Stranger", TimeProvider.System);
        using var certificate = stranger.IssueClient("shop-1", TimeProvider.System);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync("shop-1", certificateOverride: certificate));

        Assert.True(error is MqttCommunicationException or AuthenticationException or IOException, error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static MqttApplicationMessage Message(string topic) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("{}").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    private async Task<IMqttClient> ConnectAsync(string? identity, string? clientId = null, X509Certificate2? certificateOverride = null)
    {
        using var ca = PemFile.ReadCertificate(_fleet.CaCertificate);
        var certificates = new List<X509Certificate2>();
        if (certificateOverride is not null)
        {
            certificates.Add(certificateOverride);
        }
        else if (identity is not null)
        {
            certificates.Add(PemFile.ReadCertificateWithKey(_fleet.ClientCertificate(identity), _fleet.ClientKey(identity)));
        }

        var caCopy = X509CertificateLoader.LoadCertificate(ca.RawData);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _tlsPort)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId ?? identity ?? "anonymous")
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(tls => tls.UseTls(true)
                .WithTargetHost("127.0.0.1")
                .WithClientCertificates(certificates)
                .WithCertificateValidationHandler(e => FleetInitializerTests_ChainsTo(e.Certificate, caCopy)))
            .Build();
        var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            await client.ConnectAsync(options, Ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static bool FleetInitializerTests_ChainsTo(X509Certificate? presented, X509Certificate2 ca)
    {
        if (presented is null)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return Pki.FleetInitializerTests.ChainsTo(leaf, ca);
    }
}

using EdgeGateway.Edge.Outbox;
using EdgeGateway.Protocol.Streams;
using EdgeGateway.Testing.Mqtt;
using EdgeGateway.Testing.Tools;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.EndToEnd.Uplink;

/// <summary>The uplink against mosquitto configured as in production: client certificates required, fleet ACL.</summary>
public class BrokerSecurityTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Connects_with_a_client_certificate_to_a_broker_that_requires_one_and_delivers()
    {
        var ct = TestContext.Current.CancellationToken;
        var pki = TestPki.Create("gw-tls");
        var tlsPort = FreePort.Next();
        await using var broker = await MosquittoBroker.StartAsync(TlsBroker(pki, tlsPort), ct);
        await using var cloud = await UpCollector.StartAsync(broker, ct);
        var files = Directory.CreateTempSubdirectory("egw-tls-").FullName;
        var (ca, certificate, key) = pki.WriteClientFiles(files);
        var options = GatewayUnderTest.PlainOptions("gw-tls", "127.0.0.1", tlsPort);
        options.UseTls = true;
        options.CaFile = ca;
        options.ClientCertificateFile = certificate;
        options.ClientKeyFile = key;
        await using var gateway = new GatewayUnderTest(options);
        await gateway.StartAsync(ct);

        await gateway.AppendAsync(StreamNames.Heartbeats, 0, 300, OutboxPriority.Bulk, ct);

        await cloud.WaitForDistinctAsync(300, Patience, ct);
        cloud.AssertInOrderWithoutGaps(StreamNames.Heartbeats, 300);
        Assert.Contains("gw-tls", broker.Output, StringComparison.Ordinal);
        Directory.Delete(files, recursive: true);
    }

    [Theory]
    [InlineData("no-client-certificate", "closed the connection during the TLS handshake: it most likely did not accept this gateway's client certificate")]
    [InlineData("stranger-ca", "presented a certificate this gateway does not accept: it is not issued by this fleet's CA")]
    [InlineData("expired-client-certificate", "client certificate (")]
    [InlineData("nothing-listening", "refused the connection: nothing listens there")]
    public async Task Without_the_right_certificates_it_never_connects_and_says_why(string fault, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var pki = TestPki.Create("gw-tls", clientExpired: fault == "expired-client-certificate");
        var stranger = TestPki.Create("gw-tls");
        var tlsPort = FreePort.Next();
        await using var broker = await MosquittoBroker.StartAsync(TlsBroker(pki, tlsPort), ct);
        var files = Directory.CreateTempSubdirectory("egw-tls-").FullName;
        var (ca, certificate, key) = pki.WriteClientFiles(files);
        var strangerCa = Path.Combine(files, "stranger-ca.pem");
        await File.WriteAllTextAsync(strangerCa, stranger.CaPem, ct);
        var options = GatewayUnderTest.PlainOptions("gw-tls", "127.0.0.1", fault == "nothing-listening" ? FreePort.Next() : tlsPort);
        options.UseTls = true;
        options.CaFile = fault == "stranger-ca" ? strangerCa : ca;
        options.ClientCertificateFile = fault == "no-client-certificate" ? null : certificate;
        options.ClientKeyFile = fault == "no-client-certificate" ? null : key;
        await using var gateway = new GatewayUnderTest(options);
        await gateway.StartAsync(ct);
        await gateway.AppendAsync(StreamNames.Heartbeats, 0, 10, OutboxPriority.Bulk, ct);

        await UplinkDeliveryTests.WaitUntilAsync(() => gateway.Uplink.State.Reconnects >= 2, ct);

        Assert.False(gateway.Uplink.State.Connected);
        Assert.Contains(expected, gateway.Uplink.State.LastError, StringComparison.Ordinal);
        if (fault == "expired-client-certificate")
        {
            Assert.Contains("expired on", gateway.Uplink.State.LastError, StringComparison.Ordinal);
            Assert.Contains("gatewayctl provision --force", gateway.Uplink.State.LastError, StringComparison.Ordinal);
        }

        Assert.Equal(10, gateway.Outbox.State.Backlog);
        Directory.Delete(files, recursive: true);
    }

    [Fact]
    public async Task The_fleet_acl_refuses_a_publish_outside_the_gateways_own_prefix()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoBroker.StartAsync(UplinkDeliveryTests.FleetAcl(), ct);
        await using var cloud = await UpCollector.StartAsync(broker, ct);
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId("gw-a").Build(),
            ct);

        var foreign = await client.PublishAsync(Envelope("gw/v1/gw-b/up/heartbeats", "gw-b"), ct);
        var own = await client.PublishAsync(Envelope("gw/v1/gw-a/up/heartbeats", "gw-a"), ct);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, foreign.ReasonCode);
        Assert.True(own.IsSuccess, own.ReasonString);
        await cloud.WaitForDistinctAsync(1, Patience, ct);
        await Task.Delay(300, ct);
        Assert.Equal("gw-a", Assert.Single(cloud.Distinct()).GatewayId);
    }

    private static MosquittoOptions TlsBroker(TestPki pki, int tlsPort) => new()
    {
        ExtraConfiguration = TestPki.ListenerConfiguration(tlsPort),
        Files = pki.BrokerFiles,
    };

    private static MqttApplicationMessage Envelope(string topic, string gatewayId) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload($$"""{"v":1,"gatewayId":"{{gatewayId}}","stream":"heartbeats","seq":1,"sentAt":"2026-11-24T02:00:00Z","items":[{"n":0}]}""")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
}

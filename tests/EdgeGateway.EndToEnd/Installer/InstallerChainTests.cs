using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using EdgeGateway.Installer.Broker;
using EdgeGateway.Installer.Cli;
using EdgeGateway.Installer.Pki;
using EdgeGateway.Installer.RemoteSelfTest;
using EdgeGateway.Testing.Cli;
using EdgeGateway.Testing.Mqtt;
using EdgeGateway.Testing.Tools;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.EndToEnd.Installer;

/// <summary>
/// An installer's whole day on this machine, in one chain: fleet init → mosquitto with the generated TLS/ACL
/// configuration → provision a card → first boot applies it → bundle edgegw for linux-x64 → the BUNDLED binary
/// runs with the provisioned identity (emulated radio and NFC, since there is no hardware here) → its birth
/// arrives over TLS, the ACL refuses it another gateway's topics, the technician logs in with the password
/// provision printed, and `gatewayctl selftest` passes the broker check with this identity.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(nameof(WholeMachine))]
public sealed partial class InstallerChainTests : IAsyncLifetime
{
    private const string GatewayId = "shop-0042";
    private readonly string _root = Directory.CreateTempSubdirectory("egw-chain-").FullName;
    private readonly int _tlsPort = FreePort.Next();
    private readonly int _pagePort = FreePort.Next();
    private readonly StringBuilder _gatewayOutput = new();
    private MosquittoBroker? _broker;
    private Process? _gateway;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Fleet => Path.Combine(_root, "fleet");

    private string Etc => Path.Combine(_root, "etc", "edgegw");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Fleet_to_provisioned_card_to_bundled_daemon_talking_tls_with_its_own_identity()
    {
        ExternalProgram.Mosquitto.Require();

        // 1. Fleet: CA, broker certificate, bridge identity, mosquitto configuration.
        var init = await CommandLineRun.InvokeAsync(InstallerCommandLine.Build(),
            "fleet", "init", "--out", Fleet, "--broker-host", "127.0.0.1", "--bridge-id", "bridge", "--port", $"{_tlsPort}");
        Assert.True(init.ExitCode == 0, init.Error);
        _broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            GlobalConfiguration = MosquittoFleetConfig.GlobalSettings(),
            ExtraConfiguration = MosquittoFleetConfig.Listener(Fleet, _tlsPort, "127.0.0.1"),
        }, Ct);

        // 2. Provision the card's boot partition; the password is shown once.
        var boot = Directory.CreateDirectory(Path.Combine(_root, "boot", "firmware")).FullName;
        var provision = await CommandLineRun.InvokeAsync(InstallerCommandLine.Build(),
            "provision", "--site", "Cafe Centrale", "--gateway-id", GatewayId, "--broker", $"mqtts://127.0.0.1:{_tlsPort}", "--fleet", Fleet, "--out", boot);
        Assert.True(provision.ExitCode == 0, provision.Error);
        var password = PasswordLine().Match(provision.Output).Groups[1].Value;
        Assert.NotEmpty(password);

        // 3. First boot installs it into /etc/edgegw (under a temp root) and shreds the secrets from the card.
        var firstBoot = await RunAsync("/bin/sh", [Path.Combine(TestArtifacts.RepositoryRoot(), "firmware", "image", "libexec", "edgegw-firstboot")], ("EDGEGW_ROOT", _root));
        Assert.True(firstBoot.Exit == 0, firstBoot.Output);
        Assert.False(File.Exists(Path.Combine(boot, "edgegw", "gateway.key")));

        // 4. The bundle, as an installer builds it: Native AOT, for linux-x64 so it runs here (Arm64BundleTests
        //    builds the Pi's linux-arm64 one and runs it under qemu).
        ExternalProgram.Clang.Require();
        var bundle = Path.Combine(_root, "bundle");
        var built = await RunAsync(Path.Combine(AppContext.BaseDirectory, "gatewayctl"),
            ["bundle", "--rid", "linux-x64", "--out", bundle, "--source", TestArtifacts.RepositoryRoot()]);
        Assert.True(built.Exit == 0, built.Output);
        var verify = await RunAsync("sha256sum", ["--check", "--quiet", "manifest.sha256"], workingDirectory: bundle);
        Assert.True(verify.Exit == 0, verify.Output);

        // 5. The bundled daemon with the installed configuration; only the hardware is emulated.
        await using var birth = await SubscribeAsBridgeAsync($"gw/v1/{GatewayId}/status");
        StartBundledGateway(Path.Combine(bundle, "edgegw"));
        var status = await birth.NextAsync(TimeSpan.FromSeconds(90), () => _gatewayOutput.ToString());
        Assert.Contains("\"online\"", status, StringComparison.Ordinal);
        Assert.Contains(GatewayId, status, StringComparison.Ordinal);

        // 6. The broker's ACL keeps this identity inside its own topics.
        using (var impostor = await ConnectAsync(GatewayId))
        {
            var own = await impostor.PublishAsync(Message($"gw/v1/{GatewayId}/up/events"), Ct);
            var other = await impostor.PublishAsync(Message("gw/v1/shop-0043/up/events"), Ct);
            Assert.True(own.IsSuccess, own.ReasonCode.ToString());
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, other.ReasonCode);
        }

        // 7. The technician's password from provisioning opens the page; selftest passes the broker check.
        using (var session = new GatewaySession(new Uri($"http://127.0.0.1:{_pagePort}"), TimeSpan.FromSeconds(20)))
        {
            await session.LoginAsync(password, Ct);
            var checks = await session.RunSelfTestAsync(Ct);
            var broker = Assert.Single(checks, c => c.Check == "broker");
            Assert.True(broker.Passed, $"{broker.Verdict}: {broker.Detail}");
        }

        Environment.SetEnvironmentVariable("EDGEGW_TECHNICIAN_PASSWORD", password);
        try
        {
            var selftest = await CommandLineRun.InvokeAsync(InstallerCommandLine.Build(), "selftest", "--host", "127.0.0.1", "--port", $"{_pagePort}");
            Assert.Matches(@"(?m)^PASS\s+broker\s+", selftest.Output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("EDGEGW_TECHNICIAN_PASSWORD", null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is { HasExited: false })
        {
            PosixSignal.Send(_gateway.Id, PosixSignal.Terminate);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _gateway.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _gateway.Kill(entireProcessTree: true);
            }
        }

        _gateway?.Dispose();
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    private void StartBundledGateway(string edgegw)
    {
        var start = new ProcessStartInfo(edgegw) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[
            "run", "--config", Path.Combine(Etc, "appsettings.json"),
            "--set", $"Uplink:CaFile={Etc}/ca.crt", "--set", $"Uplink:ClientCertificateFile={Etc}/gateway.crt",
            "--set", $"Uplink:ClientKeyFile={Etc}/gateway.key", "--set", $"Diagnostics:PasswordHashFile={Etc}/technician.hash",
            "--set", $"Gateway:DataDirectory={Path.Combine(_root, "var")}", "--set", $"Diagnostics:Port={_pagePort}",
            "--set", "Scanning:Transport=Simulate", "--set", "Nfc:Transport=Simulate"])
        {
            start.ArgumentList.Add(argument);
        }

        _gateway = new Process { StartInfo = start };
        _gateway.OutputDataReceived += (_, e) => Append(e.Data);
        _gateway.ErrorDataReceived += (_, e) => Append(e.Data);
        _gateway.Start();
        _gateway.BeginOutputReadLine();
        _gateway.BeginErrorReadLine();

        void Append(string? line)
        {
            lock (_gatewayOutput)
            {
                _gatewayOutput.AppendLine(line);
            }
        }
    }

    private async Task<StatusWatch> SubscribeAsBridgeAsync(string topic)
    {
        var client = await ConnectAsync("bridge");
        var watch = new StatusWatch(client);
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);
        return watch;
    }

    private async Task<IMqttClient> ConnectAsync(string identity)
    {
        var fleet = new FleetLayout(Fleet);
        var ca = X509CertificateLoader.LoadCertificate(PemFile.ReadCertificate(fleet.CaCertificate).RawData);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _tlsPort)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"{identity}-test-{Guid.NewGuid():N}")
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(tls => tls.UseTls(true)
                .WithTargetHost("127.0.0.1")
                .WithClientCertificates([PemFile.ReadCertificateWithKey(ClientCertificate(fleet, identity), ClientKey(fleet, identity))])
                .WithCertificateValidationHandler(e => ChainsTo(e.Certificate, ca)))
            .Build();
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(options, Ct);
        return client;
    }

    /// <summary>The bridge's identity lives in the fleet directory; the gateway's was installed from the card.</summary>
    private string ClientCertificate(FleetLayout fleet, string identity) =>
        identity == GatewayId ? Path.Combine(Etc, "gateway.crt") : fleet.ClientCertificate(identity);

    private string ClientKey(FleetLayout fleet, string identity) =>
        identity == GatewayId ? Path.Combine(Etc, "gateway.key") : fleet.ClientKey(identity);

    private static bool ChainsTo(X509Certificate? presented, X509Certificate2 ca)
    {
        if (presented is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(certificate);
    }

    private static MqttApplicationMessage Message(string topic) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("{}").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    private static Task<(int Exit, string Output)> RunAsync(string program, string[] arguments, (string Name, string Value)? environment = null, string? workingDirectory = null) =>
        ProgramRun.RunAsync(program, arguments, Ct, environment, workingDirectory);

    [GeneratedRegex(@"technician password: (\S+)")]
    private static partial Regex PasswordLine();

    /// <summary>Collects status messages arriving on a subscription.</summary>
    private sealed class StatusWatch : IAsyncDisposable
    {
        private readonly IMqttClient _client;
        private readonly System.Threading.Channels.Channel<string> _messages = System.Threading.Channels.Channel.CreateUnbounded<string>();

        public StatusWatch(IMqttClient client)
        {
            _client = client;
            client.ApplicationMessageReceivedAsync += e =>
            {
                _messages.Writer.TryWrite(e.ApplicationMessage.ConvertPayloadToString());
                return Task.CompletedTask;
            };
        }

        public async Task<string> NextAsync(TimeSpan timeout, Func<string> context)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            deadline.CancelAfter(timeout);
            try
            {
                return await _messages.Reader.ReadAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                throw new TimeoutException($"no status message within {timeout}; gateway output:\n{context()}");
            }
        }

        public ValueTask DisposeAsync()
        {
            _client.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

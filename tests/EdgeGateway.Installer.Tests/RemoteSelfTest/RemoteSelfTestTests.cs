using EdgeGateway.Edge.Hosting;
using EdgeGateway.Installer.Cli;
using EdgeGateway.Installer.RemoteSelfTest;
using EdgeGateway.Testing.Cli;
using EdgeGateway.Testing.Tools;
using Microsoft.AspNetCore.Builder;

namespace EdgeGateway.Installer.Tests.RemoteSelfTest;

/// <summary>`gatewayctl selftest` against a real gateway host (simulated identity) on loopback.</summary>
[Collection(nameof(ProcessEnvironmentTests))]
public sealed class RemoteSelfTestTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("egw-remote-").FullName;
    private readonly int _port = FreePort.Next();
    private SimulatedIdentity _identity = null!;
    private WebApplication _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = new SimulatedIdentity(_data);
        _gateway = GatewayHost.Build(new RunSettings("/nonexistent.json", false, true, [$"Diagnostics:Port={_port}"]), _identity);
        await _gateway.StartAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_checks_print_with_verdicts_and_the_exit_code_says_whether_all_passed()
    {
        Environment.SetEnvironmentVariable("EDGEGW_TECHNICIAN_PASSWORD", _identity.Password);
        try
        {
            var run = await CommandLineRun.InvokeAsync(InstallerCommandLine.Build(), "selftest", "--host", "127.0.0.1", "--port", $"{_port}");

            Assert.Contains("PASS  disk", run.Output, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^\w{4}\s+clock\s+", run.Output);
            var allPassed = run.Output.Contains("checks passed", StringComparison.Ordinal) && !run.Output.Contains("did not pass", StringComparison.Ordinal);
            Assert.Equal(allPassed ? 0 : SelfTestVerb.SomeCheckFailed, run.ExitCode);
        }
        finally
        {
            Environment.SetEnvironmentVariable("EDGEGW_TECHNICIAN_PASSWORD", null);
        }
    }

    [Fact]
    public async Task A_wrong_password_is_one_clear_line()
    {
        using var session = new GatewaySession(new Uri($"http://127.0.0.1:{_port}"), TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.LoginAsync("wrong", TestContext.Current.CancellationToken));

        Assert.Equal("wrong technician password (see the gateway's label)", error.Message);
    }

    [Fact]
    public async Task An_unreachable_gateway_names_the_address_and_what_to_check()
    {
        Environment.SetEnvironmentVariable("EDGEGW_TECHNICIAN_PASSWORD", "x");
        try
        {
            var run = await CommandLineRun.InvokeAsync(InstallerCommandLine.Build(), "selftest", "--host", "127.0.0.1", "--port", $"{FreePort.Next()}", "--timeout", "5");

            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith("gatewayctl: cannot reach the gateway at http://127.0.0.1:", run.Error, StringComparison.Ordinal);
            Assert.Contains("is edgegw running?", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("EDGEGW_TECHNICIAN_PASSWORD", null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.StopAsync(CancellationToken.None);
        await _gateway.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}

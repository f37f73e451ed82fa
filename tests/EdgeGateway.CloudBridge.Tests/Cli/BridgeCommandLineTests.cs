using System.Reflection;
using EdgeGateway.CloudBridge.Cli;
using EdgeGateway.Testing.Cli;

namespace EdgeGateway.CloudBridge.Tests.Cli;

public class BridgeCommandLineTests
{
    [Fact]
    public async Task Help_prints_usage_and_succeeds()
    {
        var run = await CommandLineRun.InvokeAsync(BridgeCommandLine.Build(), "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        Assert.Contains("edgegw-bridge", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_informational_version_with_the_commit()
    {
        var run = await CommandLineRun.InvokeAsync(BridgeCommandLine.Build(), "--version");

        var expected = typeof(BridgeCommandLine).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.Output.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+.*\+([0-9a-f]{12}|nogit)$", expected);
    }

    [Fact]
    public async Task An_unknown_verb_is_an_error_naming_it()
    {
        var run = await CommandLineRun.InvokeAsync(BridgeCommandLine.Build(), "no-such-verb");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no-such-verb", run.Error, StringComparison.Ordinal);
    }
}

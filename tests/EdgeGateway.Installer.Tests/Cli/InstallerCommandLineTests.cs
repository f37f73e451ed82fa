using System.Reflection;
using EdgeGateway.Installer.Cli;
using EdgeGateway.Testing.Cli;

namespace EdgeGateway.Installer.Tests.Cli;

public class InstallerCommandLineTests
{
    [Fact]
    public async Task Help_prints_usage_and_succeeds()
    {
        var run = await CommandLineRun.InvokeAsync(InstallerCommandLine.Build(), "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        Assert.Contains("gatewayctl", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_informational_version_with_the_commit()
    {
        var run = await CommandLineRun.InvokeAsync(InstallerCommandLine.Build(), "--version");

        var expected = typeof(InstallerCommandLine).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.Output.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+.*\+([0-9a-f]{12}|nogit)$", expected);
    }

    [Fact]
    public async Task An_unknown_verb_is_an_error_naming_it()
    {
        var run = await CommandLineRun.InvokeAsync(InstallerCommandLine.Build(), "no-such-verb");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no-such-verb", run.Error, StringComparison.Ordinal);
    }
}

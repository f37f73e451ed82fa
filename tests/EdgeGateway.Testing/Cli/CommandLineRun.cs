using System.CommandLine;

namespace EdgeGateway.Testing.Cli;

/// <summary>Runs a System.CommandLine root in-process and captures what it prints.</summary>
public sealed record CommandLineRun(int ExitCode, string Output, string Error)
{
    public static async Task<CommandLineRun> InvokeAsync(RootCommand root, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        var exitCode = await root.Parse(args).InvokeAsync(configuration, TestContext.Current.CancellationToken);
        return new CommandLineRun(exitCode, output.ToString(), error.ToString());
    }
}

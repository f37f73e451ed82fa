using System.CommandLine;
using EdgeGateway.Installer.Cli;

// simulate-store stops three children (up to 15 s each) on Ctrl+C; System.CommandLine's 2 s default would
// kill gatewayctl first and leave them running.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };
return await InstallerCommandLine.Build().Parse(args).InvokeAsync(invocation);

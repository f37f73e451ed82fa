using System.CommandLine;
using EdgeGateway.CloudBridge.Cli;

// Not System.CommandLine's 2 s default after SIGTERM: the bridge finishes the batch it is committing first.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
return await BridgeCommandLine.Build().Parse(args).InvokeAsync(invocation);

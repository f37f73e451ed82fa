using System.CommandLine;
using EdgeGateway.Edge.Cli;

// System.CommandLine ends the process 2 s after SIGTERM by default, which would cut the host's graceful stop
// (outbox flush, offline status) short on a busy Pi; systemd's TimeoutStopSec=30 is the real limit.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
return await EdgeCommandLine.Build().Parse(args).InvokeAsync(invocation);

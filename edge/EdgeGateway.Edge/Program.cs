using EdgeGateway.Edge.Cli;

return await EdgeCommandLine.Build().Parse(args).InvokeAsync();

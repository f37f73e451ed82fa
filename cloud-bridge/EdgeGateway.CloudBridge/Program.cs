using EdgeGateway.CloudBridge.Cli;

return await BridgeCommandLine.Build().Parse(args).InvokeAsync();

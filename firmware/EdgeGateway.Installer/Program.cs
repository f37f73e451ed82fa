using EdgeGateway.Installer.Cli;

return await InstallerCommandLine.Build().Parse(args).InvokeAsync();

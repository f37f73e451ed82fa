namespace EdgeGateway.Installer.Tests.RemoteSelfTest;

/// <summary>Tests that set process environment variables run one at a time.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentTests), DisableParallelization = true)]
public sealed class ProcessEnvironmentTests;

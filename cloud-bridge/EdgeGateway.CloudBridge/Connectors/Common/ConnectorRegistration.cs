namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>An enabled connector's name and options, as the queue and the dispatcher need them.</summary>
public sealed record ConnectorRegistration(string Name, PlatformHttpOptions Options);

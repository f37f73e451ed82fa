namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>One event in a connector's queue; <see cref="Id"/> increases in enqueue order.</summary>
public sealed record QueuedEvent(long Id, ConnectorEvent Event);

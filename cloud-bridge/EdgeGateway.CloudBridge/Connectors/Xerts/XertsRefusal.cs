namespace EdgeGateway.CloudBridge.Connectors.Xerts;

/// <summary>A documented Xerts error answer (`{"error":{"status":404,"message":...}}`), kept as a result.</summary>
public sealed record XertsRefusal(int Status, string Message);

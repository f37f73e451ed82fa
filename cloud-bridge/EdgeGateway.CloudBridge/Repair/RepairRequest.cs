namespace EdgeGateway.CloudBridge.Repair;

/// <summary>An outbox.resend this instance published and waits to hear about.</summary>
internal sealed record RepairRequest(string GatewayId, string Stream, long From, long To, DateTimeOffset SentAt);

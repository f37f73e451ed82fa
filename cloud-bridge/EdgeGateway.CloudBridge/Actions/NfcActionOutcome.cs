namespace EdgeGateway.CloudBridge.Actions;

/// <summary>What a platform did with a tap's action: issued something to send to the gateway, or refused for good.</summary>
/// <param name="Result">The code to show or the URL to write (Done).</param>
/// <param name="Detail">A short label for the shopper (Done) or the platform's reason (Refused).</param>
public sealed record NfcActionOutcome(NfcActionState State, string? Result, string? Detail, DateTimeOffset? ExpiresAt = null)
{
    public static NfcActionOutcome Issued(string result, string? label, DateTimeOffset? expiresAt = null) => new(NfcActionState.Done, result, label, expiresAt);

    public static NfcActionOutcome Refused(string reason) => new(NfcActionState.Refused, null, reason);
}

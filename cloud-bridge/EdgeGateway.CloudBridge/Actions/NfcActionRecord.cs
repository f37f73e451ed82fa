namespace EdgeGateway.CloudBridge.Actions;

/// <summary>One tap's action as the ledger holds it (also the fleet API's `nfc-actions` resource).</summary>
/// <param name="Result">The voucher code, coupon redeem code or entry URL once <see cref="State"/> is Done.</param>
/// <param name="Detail">Extra facts (label, expiry, platform ids) or the platform's refusal.</param>
/// <param name="CommandId">The request id of the command sent to the gateway; null until it was published.</param>
public sealed record NfcActionRecord(
    string TapKey, string Rule, string Action, string GatewayId, string? Site, string Uid,
    NfcActionState State, int Attempts, string? Result, string? Detail, string? CommandId);

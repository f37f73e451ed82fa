namespace EdgeGateway.CloudBridge.Actions;

/// <summary>What a connector writes when it takes a tap's action on: the tap's identity and the rule it triggered.</summary>
/// <param name="TapKey">`{gatewayId}/{stream}/{itemSeq}`: the same for every redelivery of the tap.</param>
public sealed record NfcActionClaim(string TapKey, string Rule, string Action, string GatewayId, string? Site, string Uid);

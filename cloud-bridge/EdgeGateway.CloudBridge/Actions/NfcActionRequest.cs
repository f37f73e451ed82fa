namespace EdgeGateway.CloudBridge.Actions;

/// <summary>One tap's action for a platform to run.</summary>
/// <param name="TapKey">Stable identity of the tap (`{gatewayId}/{stream}/{itemSeq}`): platforms derive idempotency keys from it.</param>
/// <param name="Uid">The tag's UID, lower-case hex.</param>
/// <param name="Resumed">True when an earlier attempt was claimed but not recorded as finished: it may have reached the platform.</param>
public sealed record NfcActionRequest(NfcActionRule Rule, string TapKey, string GatewayId, string? Site, string Uid, bool Resumed);

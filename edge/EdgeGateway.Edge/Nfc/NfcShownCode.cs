namespace EdgeGateway.Edge.Nfc;

/// <summary>One code shown in answer to a tap (see <see cref="NfcShownCodes"/>).</summary>
public sealed record NfcShownCode(DateTimeOffset At, string Kind, string Code, string? Label, string? TagUid, DateTimeOffset? ExpiresAt);

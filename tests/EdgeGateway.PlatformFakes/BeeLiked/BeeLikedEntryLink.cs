namespace EdgeGateway.PlatformFakes.BeeLiked;

/// <summary>A single-use entry link the fake BeeLiked generated, with what it was generated from.</summary>
public sealed record BeeLikedEntryLink(string Url, long PromotionId, string? Uid, IReadOnlyDictionary<string, string> FieldValues, DateTimeOffset At);

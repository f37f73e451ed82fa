namespace EdgeGateway.PlatformFakes.BeeLiked;

/// <summary>A promotion; entry links need the EntryLink add-on enabled on it.</summary>
public sealed record BeeLikedPromotion(long Id, string Name, string Status, string MicrositeUrl, bool EntryLinkEnabled, IReadOnlyList<string> FieldSlugs);

namespace EdgeGateway.PlatformFakes.Common;

/// <summary>
/// What a fake does instead of (or before) answering: an error status (with an optional Retry-After in
/// seconds and body), or a delay before the normal answer. <see cref="PathPrefix"/> limits it to some paths.
/// </summary>
public sealed record Fault(int? Status = null, int? RetryAfterSeconds = null, TimeSpan? Delay = null, string? PathPrefix = null, string? Body = null)
{
    public bool Matches(string path) => PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.Ordinal);
}

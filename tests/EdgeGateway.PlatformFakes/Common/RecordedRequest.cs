namespace EdgeGateway.PlatformFakes.Common;

/// <summary>One request a fake received, as it arrived on the wire (for assertions on auth headers and encodings).</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    string ContentType,
    string Body,
    int Status,
    DateTimeOffset At);

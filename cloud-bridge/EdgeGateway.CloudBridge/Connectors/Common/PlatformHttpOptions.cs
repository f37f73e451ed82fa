using System.Globalization;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// How the bridge talks to one platform over HTTP: where, how long to wait, how to retry and when to stop
/// trying for a while. Every connector's options section derives from this, so the keys are the same
/// everywhere (`Connectors:&lt;Name&gt;:BaseUrl`, `...:TimeoutMs`, ...).
/// </summary>
public abstract class PlatformHttpOptions : IConnectorOptions
{
    /// <summary>Root of the platform's API, e.g. `https://api.example.com/api/2.0/`. Empty disables the connector.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Per attempt; a slower answer counts as a transient failure and is retried.</summary>
    public int TimeoutMs { get; set; } = 10_000;

    /// <summary>Retries after the first attempt for 5xx, 429, 408, timeouts and connection failures (never other 4xx).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off; doubles per retry, with jitter, capped by <see cref="RetryMaxDelayMs"/>. A Retry-After header wins.</summary>
    public int RetryBaseDelayMs { get; set; } = 500;

    public int RetryMaxDelayMs { get; set; } = 30_000;

    /// <summary>Share of failed calls within <see cref="BreakerSamplingMs"/> that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls within the sampling window before the ratio counts.</summary>
    public int BreakerMinimumThroughput { get; set; } = 5;

    public int BreakerSamplingMs { get; set; } = 30_000;

    /// <summary>How long an open circuit refuses calls before one trial call is let through.</summary>
    public int BreakerBreakMs { get; set; } = 30_000;

    /// <summary>Queued events handed to the connector at once (the unit of coalescing and of retry).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Events kept in this connector's queue at most while its platform is down; the oldest are shed beyond it (counted).</summary>
    public int MaxQueueDepth { get; set; } = 100_000;

    public virtual bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary><see cref="BaseUrl"/> as an absolute URI ending in `/` so relative paths append to it.</summary>
    public Uri BaseUri => new(BaseUrl!.EndsWith('/') ? BaseUrl : BaseUrl + "/", UriKind.Absolute);

    public virtual string? Validate(string section)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return $"{section}:BaseUrl: must be an absolute http(s) URL (got '{BaseUrl}')";
        }

        return Range(section, nameof(TimeoutMs), TimeoutMs, 100, 300_000)
            ?? Range(section, nameof(MaxRetries), MaxRetries, 0, 20)
            ?? Range(section, nameof(RetryBaseDelayMs), RetryBaseDelayMs, 1, 600_000)
            ?? Range(section, nameof(RetryMaxDelayMs), RetryMaxDelayMs, RetryBaseDelayMs, 3_600_000)
            ?? (BreakerFailureRatio is <= 0 or > 1 ? $"{section}:BreakerFailureRatio: must be above 0 and at most 1 (got {BreakerFailureRatio.ToString(CultureInfo.InvariantCulture)})" : null)
            ?? Range(section, nameof(BreakerMinimumThroughput), BreakerMinimumThroughput, 2, 100_000)
            ?? Range(section, nameof(BreakerSamplingMs), BreakerSamplingMs, 500, 3_600_000)
            ?? Range(section, nameof(BreakerBreakMs), BreakerBreakMs, 500, 86_400_000)
            ?? Range(section, nameof(BatchSize), BatchSize, 1, 10_000)
            ?? Range(section, nameof(MaxQueueDepth), MaxQueueDepth, 1, 100_000_000);
    }

    /// <summary>`{section}:{key}: must be between min and max (got value)` or null.</summary>
    protected static string? Range(string section, string key, long value, long min, long max) =>
        value < min || value > max ? $"{section}:{key}: must be between {min} and {max} (got {value})" : null;

    /// <summary>`{section}:{key}: required ...` when a secret is missing.</summary>
    protected static string? Required(string section, string key, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? $"{section}:{key}: required when {section}:BaseUrl is set (set it in the config file or EDGEGW_BRIDGE_{section.Replace(":", "__", StringComparison.Ordinal)}__{key})"
            : null;
}

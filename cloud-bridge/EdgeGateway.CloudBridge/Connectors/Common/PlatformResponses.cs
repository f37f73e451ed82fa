using System.Net;
using System.Net.Http.Headers;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>How the resilience pipeline reads an HTTP answer.</summary>
public static class PlatformResponses
{
    /// <summary>5xx, 429 Too Many Requests and 408 Request Timeout are worth retrying; any other 4xx is not.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    /// <summary>The Retry-After header as a delay (delta-seconds or HTTP date), or null when absent.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        return RetryAfter(response.Headers.RetryAfter, time);
    }

    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}

using System.Net;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// A platform call that did not succeed after the pipeline's retries, with what the dispatcher needs to
/// decide when to try again. <see cref="Exception.Message"/> is already redacted.
/// </summary>
public sealed class PlatformException : Exception
{
    public PlatformException()
    {
    }

    public PlatformException(string message)
        : base(message)
    {
    }

    public PlatformException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PlatformException(string message, HttpStatusCode? status, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        RetryAfter = retryAfter;
    }

    /// <summary>The final HTTP status; null for a timeout, a refused connection or an open circuit.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>What the platform asked for (Retry-After) or how long the circuit stays open.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True for outages (5xx, 429, timeouts, open circuit): the work is kept and retried later. False for a 4xx answer.</summary>
    public bool IsTransient => Status is null || PlatformResponses.IsTransient(Status.Value);
}

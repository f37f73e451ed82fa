namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// Puts a platform's credentials on each request and renews them when the platform rejects them. The one
/// exception to "4xx is never retried": a rejected credential is refreshed and the call repeated once.
/// </summary>
public interface IPlatformAuthenticator
{
    /// <summary>Adds the credentials to an attempt (header or query); may fetch a token first.</summary>
    ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="response"/> means "your credential is no longer valid" (401, or 403 on some platforms).</summary>
    bool IsRejected(HttpResponseMessage response);

    /// <summary>Drops the rejected credential and obtains a new one; false when there is nothing to renew (a static key).</summary>
    ValueTask<bool> RefreshAsync(CancellationToken cancellationToken);
}

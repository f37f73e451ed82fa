namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>A static API key in a request header (X-API-Key, API-Key): nothing to renew, so a rejected key is final.</summary>
public sealed class ApiKeyHeaderAuthenticator(string header, string key) : IPlatformAuthenticator
{
    public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove(header);
        request.Headers.TryAddWithoutValidation(header, key);
        return ValueTask.CompletedTask;
    }

    public bool IsRejected(HttpResponseMessage response) => false;

    public ValueTask<bool> RefreshAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);
}

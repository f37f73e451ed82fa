using System.Net;
using System.Net.Http.Headers;
using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Connectors.Beaconstac;

/// <summary>The seed's scheme: header `Authorization: Token &lt;developer token&gt;`. A static token cannot be refreshed, so a 401 is final.</summary>
internal sealed class BeaconstacTokenAuthenticator(string token) : IPlatformAuthenticator
{
    public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
        return ValueTask.CompletedTask;
    }

    public bool IsRejected(HttpResponseMessage response) => response?.StatusCode == HttpStatusCode.Unauthorized;

    public ValueTask<bool> RefreshAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);
}

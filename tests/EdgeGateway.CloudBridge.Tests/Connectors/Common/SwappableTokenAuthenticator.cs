using System.Net;
using System.Net.Http.Headers;
using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Tests.Connectors.Common;

/// <summary>Bearer authenticator whose refresh fetches the probe's current token (as a token endpoint would).</summary>
internal sealed class SwappableTokenAuthenticator(ProbePlatform platform, string initial) : IPlatformAuthenticator
{
    private string _token = initial;

    public int Refreshes { get; private set; }

    public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return ValueTask.CompletedTask;
    }

    public bool IsRejected(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.Unauthorized;

    public ValueTask<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        Refreshes++;
        _token = platform.CurrentToken;
        return ValueTask.FromResult(true);
    }
}

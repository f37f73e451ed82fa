using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Connectors.BeeLiked;

/// <summary>
/// BeeLiked's OAuth: POST /authorize with client_id and client_secret (multipart form, as the seed's curl -F)
/// gives a bearer token valid expires_in (300) seconds. The token is renewed shortly before it runs out, and
/// a 403 ("invalid or expired token") makes the client re-authorise once and repeat the call.
/// </summary>
public sealed class BeeLikedAuthenticator(BeeLikedOptions options, SecretRedactor redactor, TimeProvider time) : IPlatformAuthenticator, IDisposable
{
    private readonly RenewingToken _token = new(time);

    /// <summary>Set once after the client is built (the client needs this authenticator, this needs the client's raw send).</summary>
    public PlatformClient? Client { get; set; }

    public async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await TokenAsync(force: false, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public bool IsRejected(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized;
    }

    public async ValueTask<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await TokenAsync(force: true, cancellationToken);
        return true;
    }

    private Task<string> TokenAsync(bool force, CancellationToken cancellationToken) => _token.GetAsync(force, FetchTokenAsync, cancellationToken);

    private async Task<(string Token, DateTimeOffset RenewAt)> FetchTokenAsync(CancellationToken cancellationToken)
    {
        var client = Client ?? throw new InvalidOperationException("BeeLikedAuthenticator.Client is not set");
        using var response = await client.SendRawAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "authorize")
            {
                Content = new MultipartFormDataContent
                {
                    { new StringContent(options.ClientId!), "client_id" },
                    { new StringContent(options.ClientSecret!), "client_secret" },
                },
            },
            cancellationToken);
        await client.EnsureSuccessAsync(response, cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        if (!body.RootElement.TryGetProperty("access_token", out var access) || access.ValueKind != JsonValueKind.String)
        {
            throw new PlatformException("beeliked: /authorize answered without an access_token", response.StatusCode);
        }

        var lifetime = body.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 300;
        var token = access.GetString()!;
        redactor.Add(token);
        return (token, time.GetUtcNow().AddSeconds(Math.Max(1, lifetime - options.TokenRenewBeforeSeconds)));
    }

    public void Dispose() => _token.Dispose();
}

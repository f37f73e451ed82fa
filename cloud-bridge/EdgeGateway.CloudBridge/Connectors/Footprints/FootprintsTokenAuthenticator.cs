using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Connectors.Footprints;

/// <summary>
/// The seed's token flow: `POST /api/token` with `Authorization: Basic base64(key:secret)` and form
/// `grant_type=client_credentials`; the access token then goes in the `access_token` query parameter of the
/// `/api/*` methods. Renewed TokenRefreshMarginMs before expires_in runs out and when the platform answers 401.
/// The `/mobileapi/*` methods authenticate with appkey in the body instead, so they are left alone.
/// </summary>
internal sealed class FootprintsTokenAuthenticator(FootprintsOptions options, SecretRedactor redactor, TimeProvider time) : IPlatformAuthenticator, IDisposable
{
    private readonly RenewingToken _token = new(time);

    /// <summary>Set once the client exists (the token call goes through the same pipeline, without this authenticator).</summary>
    public PlatformClient? Client { get; set; }

    public async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.RequestUri is { IsAbsoluteUri: true } u ? u.AbsolutePath : "/" + request.RequestUri?.OriginalString;
        if (!path.Contains("/api/", StringComparison.Ordinal) || path.EndsWith("/api/token", StringComparison.Ordinal))
        {
            return;
        }

        var token = await TokenAsync(force: false, cancellationToken);
        var url = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(Client!.BaseUri, request.RequestUri);
        var separator = string.IsNullOrEmpty(url.Query) ? "?" : "&";
        request.RequestUri = new Uri(url.AbsoluteUri + separator + "access_token=" + Uri.EscapeDataString(token));
    }

    public bool IsRejected(HttpResponseMessage response) => response?.StatusCode == HttpStatusCode.Unauthorized;

    public async ValueTask<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await TokenAsync(force: true, cancellationToken);
        return true;
    }

    public void Dispose() => _token.Dispose();

    private Task<string> TokenAsync(bool force, CancellationToken cancellationToken) => _token.GetAsync(force, FetchTokenAsync, cancellationToken);

    private async Task<(string Token, DateTimeOffset RenewAt)> FetchTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Key}:{options.Secret}"));
            redactor.Add(basic);
            using var response = await Client!.SendRawAsync(
                () => new HttpRequestMessage(HttpMethod.Post, "api/token")
                {
                    Headers = { Authorization = new AuthenticationHeaderValue("Basic", basic) },
                    Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
                },
                cancellationToken);
            await Client.EnsureSuccessAsync(response, cancellationToken);
            using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            var token = json.RootElement.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (string.IsNullOrEmpty(token))
            {
                throw new PlatformException("footprints: /api/token answered without an access_token", response.StatusCode);
            }

            redactor.Add(token);
            var lifetime = json.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt64(out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromHours(1);
            var margin = TimeSpan.FromMilliseconds(options.TokenRefreshMarginMs);
            return (token, time.GetUtcNow() + (lifetime > margin ? lifetime - margin : lifetime / 2));
        }
        catch (JsonException ex)
        {
            throw new PlatformException($"footprints: /api/token answered a body that is not JSON: {ex.Message}", status: null);
        }
    }
}

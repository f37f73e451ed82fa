using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdgeGateway.Installer.RemoteSelfTest;

/// <summary>
/// Talks to a gateway's diagnostics page the way a technician's browser does: login form with its CSRF
/// token, session cookie, then the JSON API with the X-CSRF-TOKEN header.
/// </summary>
public sealed partial class GatewaySession : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    public GatewaySession(Uri baseAddress, TimeSpan timeout)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = timeout,
        };
    }

    public async Task LoginAsync(string password, CancellationToken cancellationToken)
    {
        var form = await _http.GetStringAsync("/login", cancellationToken);
        var token = CsrfField().Match(form);
        if (!token.Success)
        {
            throw new InvalidDataException($"{_http.BaseAddress} did not serve the EdgeGateway login page (is this a gateway?)");
        }

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = token.Groups[1].Value, ["password"] = password });
        using var response = await _http.PostAsync("/login", content, cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther:
                return;
            case HttpStatusCode.Unauthorized:
                throw new InvalidOperationException("wrong technician password (see the gateway's label)");
            case HttpStatusCode.TooManyRequests:
                throw new InvalidOperationException($"the gateway locked logins after wrong passwords; retry in {response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 60:0} s");
            default:
                throw new InvalidOperationException($"login failed with HTTP {(int)response.StatusCode}");
        }
    }

    public async Task<IReadOnlyList<RemoteCheck>> RunSelfTestAsync(CancellationToken cancellationToken)
    {
        var csrf = await _http.GetFromJsonAsync<JsonElement>("/api/csrf", cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/selftest");
        request.Headers.Add("X-CSRF-TOKEN", csrf.GetProperty("token").GetString());
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<RemoteCheck>>(Json, cancellationToken)
               ?? throw new InvalidDataException("the gateway answered the self-test with an empty body");
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}

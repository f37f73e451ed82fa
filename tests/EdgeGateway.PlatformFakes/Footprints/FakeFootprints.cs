using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeGateway.PlatformFakes.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.PlatformFakes.Footprints;

/// <summary>
/// The Footprints platform of seed 001, the parts the bridge uses: `POST /api/token` (Basic base64(key:secret),
/// form `grant_type=client_credentials`; answers access_token, token_type bearer, expires_in, refresh_token,
/// scope), `GET /api/location?access_token=` (an array of locations), `POST /mobileapi/init` (form with appkey;
/// answers `{"status":"ok","mobileId":...}`) and `POST|PUT /mobileapi/sensors` (form with appkey, mid and
/// `sensors[x][uuid|rssi|distance|macAddress|txPower|name|major|minor]`; answers `{"success": true}`).
/// Tokens expire after <see cref="TokenLifetime"/> or on <see cref="ExpireTokens"/>; errors are OAuth-style
/// `{"error", "error_description"}` for the API and `{"success": false, "message"}` for the mobile API.
/// </summary>
public sealed partial class FakeFootprints(string key, string secret) : FakePlatform
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FootprintsSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FootprintsSighting> _sightings = new();
    private int _tokensIssued;

    /// <summary>expires_in of the tokens issued from now on.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(31_535_999);

    /// <summary>Locations `GET /api/location` lists: (id, name).</summary>
    public IList<(string Id, string Name)> Locations { get; } = [];

    public int TokensIssued => _tokensIssued;

    public IReadOnlyList<FootprintsSession> Sessions => [.. _sessions.Values];

    public IReadOnlyList<FootprintsSighting> Sightings => [.. _sightings];

    /// <summary>Every token issued so far stops working (the platform's token expiry, early).</summary>
    public void ExpireTokens()
    {
        foreach (var token in _tokens.Keys)
        {
            _tokens[token] = DateTimeOffset.MinValue;
        }
    }

    /// <summary>Forgets the tracking sessions (their mid answers an error from now on).</summary>
    public void DropSessions() => _sessions.Clear();

    protected override string ErrorBody(int status) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["success"] = false,
        ["message"] = status == 429 ? "Too many requests" : "Internal server error",
    });

    protected override void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
        app.MapGet("/api/location", (HttpContext c) => Authorized(c) ?? Results.Json(Locations.Select(l => new Dictionary<string, object>
        {
            ["_id"] = l.Id,
            ["timestamp"] = "2018-08-07T10:29:07.932Z",
            ["createdAt"] = "2018-08-07T10:29:07.932Z",
            ["areaId"] = "5b697473a504503c31299107",
            ["name"] = l.Name,
            ["description"] = "",
            ["address"] = "",
            ["__v"] = 1,
            ["coords"] = new[] { 0, 0 },
            ["image"] = "",
        })));
        app.MapPost("/mobileapi/init", (Func<HttpContext, Task<IResult>>)InitAsync);
        app.MapMethods("/mobileapi/sensors", ["POST", "PUT"], (Func<HttpContext, Task<IResult>>)SensorsAsync);
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}"));
        if (!string.Equals(header, expected, StringComparison.Ordinal))
        {
            return OAuthError(401, "invalid_client", "Client authentication failed");
        }

        if (!context.Request.HasFormContentType)
        {
            return OAuthError(400, "invalid_request", "Invalid request: content must be application/x-www-form-urlencoded");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"].ToString() != "client_credentials")
        {
            return OAuthError(400, "unsupported_grant_type", "Unsupported grant type: grant_type is invalid");
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _tokens[token] = DateTimeOffset.UtcNow + TokenLifetime;
        Interlocked.Increment(ref _tokensIssued);
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["token_type"] = "bearer",
            ["expires_in"] = (long)TokenLifetime.TotalSeconds,
            ["refresh_token"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            ["scope"] = new[] { "app_scope", "hostess_scope" },
            ["hostess_name"] = "Test Hostess",
            ["hostess_id"] = "5b30cb85e1267446c5784b75",
        });
    }

    private IResult? Authorized(HttpContext context)
    {
        var token = context.Request.Query["access_token"].ToString();
        return token.Length > 0 && _tokens.TryGetValue(token, out var expires) && expires > DateTimeOffset.UtcNow
            ? null
            : OAuthError(401, "invalid_token", "Invalid token: access token is invalid or has expired");
    }

    private static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);

    private static IResult MobileError(int status, string message) =>
        Results.Json(new Dictionary<string, object> { ["success"] = false, ["message"] = message }, statusCode: status);

    private async Task<IResult> InitAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return MobileError(400, "content must be application/x-www-form-urlencoded");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["appkey"].ToString() != key)
        {
            return MobileError(401, "invalid appkey");
        }

        var mobileId = "p" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _sessions[mobileId] = new FootprintsSession(mobileId, form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal));
        return Results.Json(new Dictionary<string, string> { ["status"] = "ok", ["mobileId"] = mobileId });
    }

    private async Task<IResult> SensorsAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return MobileError(400, "content must be application/x-www-form-urlencoded");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["appkey"].ToString() != key)
        {
            return MobileError(401, "invalid appkey");
        }

        var mid = form["mid"].ToString();
        if (!_sessions.ContainsKey(mid))
        {
            return MobileError(400, "invalid mid: initialize a tracking session first");
        }

        var entries = new SortedDictionary<int, Dictionary<string, string>>();
        foreach (var (name, value) in form)
        {
            if (name is "appkey" or "mid")
            {
                continue;
            }

            var match = SensorField().Match(name);
            if (!match.Success)
            {
                return MobileError(400, $"unexpected field '{name}': use sensors[x][field]");
            }

            var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (!entries.TryGetValue(index, out var fields))
            {
                entries[index] = fields = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            fields[match.Groups[2].Value] = value.ToString();
        }

        if (entries.Count == 0)
        {
            return MobileError(400, "no sensors");
        }

        foreach (var (index, fields) in entries)
        {
            _sightings.Enqueue(new FootprintsSighting(mid, index, fields));
        }

        return Results.Json(new Dictionary<string, bool> { ["success"] = true });
    }

    [GeneratedRegex(@"^sensors\[(\d{1,5})\]\[(uuid|rssi|distance|macAddress|txPower|name|minor|major)\]$")]
    private static partial Regex SensorField();
}

using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using EdgeGateway.Edge.Diagnostics.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>The login page and the session cookie it hands out; the password itself is never logged or echoed.</summary>
public static partial class LoginEndpoints
{
    public const string Scheme = "edgegw";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/login", (HttpContext http, IAntiforgery antiforgery, EmbeddedAssets assets) =>
            LoginPage(http, antiforgery, assets, message: null, StatusCodes.Status200OK));

        routes.MapPost("/login", HandleLoginAsync);

        routes.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(Scheme);
            return Results.Redirect("/login");
        }).RequireAuthorization().AddEndpointFilter<CsrfFilter>();
    }

    private static async Task<IResult> HandleLoginAsync(
        HttpContext http,
        IAntiforgery antiforgery,
        EmbeddedAssets assets,
        TechnicianPasswordStore passwords,
        LoginThrottle throttle,
        DiagnosticsCounters counters,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("EdgeGateway.Diagnostics.Login");
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            counters.CsrfRejected();
            return LoginPage(http, antiforgery, assets, "The form expired. Please try again.", StatusCodes.Status400BadRequest);
        }

        var wait = throttle.RetryAfter(client);
        if (wait > TimeSpan.Zero)
        {
            counters.LoginThrottled();
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return LoginPage(http, antiforgery, assets,
                $"Too many wrong passwords. Try again in {seconds} s.", StatusCodes.Status429TooManyRequests);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var password = form["password"].ToString();
        if (!passwords.Hash.Verify(password))
        {
            throttle.RecordFailure(client);
            counters.LoginFailed();
            LogFailed(logger, client, throttle.FailureCount(client));
            return LoginPage(http, antiforgery, assets, "Wrong password.", StatusCodes.Status401Unauthorized);
        }

        throttle.RecordSuccess(client);
        counters.LoginSucceeded();
        LogSucceeded(logger, client);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "technician")], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        return Results.Redirect("/");
    }

    private static IResult LoginPage(HttpContext http, IAntiforgery antiforgery, EmbeddedAssets assets, string? message, int status)
    {
        assets.TryGet("login.html", out var template, out _);
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = Encoding.UTF8.GetString(template)
            .Replace("{{csrf}}", WebUtility.HtmlEncode(tokens.RequestToken), StringComparison.Ordinal)
            .Replace("{{message}}", message is null ? string.Empty : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(message)}</p>", StringComparison.Ordinal);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Technician login refused from {Client} (wrong password, {Failures} in a row)")]
    private static partial void LogFailed(ILogger logger, string client, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Technician logged in from {Client}")]
    private static partial void LogSucceeded(ILogger logger, string client);
}

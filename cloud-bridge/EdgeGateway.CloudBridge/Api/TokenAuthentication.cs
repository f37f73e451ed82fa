using System.Security.Cryptography;
using System.Text;
using EdgeGateway.CloudBridge.Config;
using Microsoft.AspNetCore.Http;

namespace EdgeGateway.CloudBridge.Api;

/// <summary>
/// The seed API's scheme: `Authorization: Token &lt;token&gt;`. Tokens come from Api:Tokens and are compared in
/// constant time. Answers 401 with a DRF-style `{"detail": ...}` body otherwise.
/// </summary>
internal sealed class TokenAuthentication(ApiOptions options) : IEndpointFilter
{
    private readonly byte[][] _tokens = options.Tokens.Select(Encoding.UTF8.GetBytes).ToArray();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return Unauthorized(context.HttpContext, "Authentication credentials were not provided.");
        }

        const string scheme = "Token ";
        if (!header.StartsWith(scheme, StringComparison.Ordinal))
        {
            return Unauthorized(context.HttpContext, "Invalid authorization header: use 'Authorization: Token <token>'.");
        }

        var presented = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        var ok = false;
        foreach (var token in _tokens)
        {
            ok |= CryptographicOperations.FixedTimeEquals(token, presented);
        }

        return ok ? await next(context) : Unauthorized(context.HttpContext, "Invalid token.");
    }

    private static IResult Unauthorized(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Token";
        return Results.Json(new Dictionary<string, string> { ["detail"] = detail }, statusCode: StatusCodes.Status401Unauthorized);
    }
}

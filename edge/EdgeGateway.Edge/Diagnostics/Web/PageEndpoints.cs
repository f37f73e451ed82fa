using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>The page shell (login required) and its static assets (anonymous: they hold no data).</summary>
public static class PageEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (EmbeddedAssets assets, HttpContext http) =>
        {
            assets.TryGet("index.html", out var content, out var type);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(content, type);
        }).RequireAuthorization();

        routes.MapGet("/assets/{name}", (string name, EmbeddedAssets assets, HttpContext http) =>
        {
            if (name is "index.html" or "login.html" || !assets.TryGet(name, out var content, out var type))
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(content, type);
        });
    }
}

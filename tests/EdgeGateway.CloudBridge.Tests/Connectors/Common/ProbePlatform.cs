using System.Globalization;
using EdgeGateway.PlatformFakes.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.CloudBridge.Tests.Connectors.Common;

/// <summary>
/// A minimal platform for the shared pipeline's tests: `GET /items?offset=` pages of 2 items with absolute next
/// links, `GET /loop` whose next link points to itself, `GET /secure` requiring `Authorization: Bearer {CurrentToken}`,
/// and `GET /bad` answering 400.
/// </summary>
internal sealed class ProbePlatform : FakePlatform
{
    public int ItemCount { get; set; } = 5;

    public string CurrentToken { get; set; } = "token-one-abcdef";

    protected override string ErrorBody(int status) => $"{{\"error\":\"injected {status}\"}}";

    protected override void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/items", (HttpContext context) =>
        {
            var offset = int.Parse(context.Request.Query["offset"].FirstOrDefault() ?? "0", CultureInfo.InvariantCulture);
            var items = Enumerable.Range(offset, Math.Max(0, Math.Min(2, ItemCount - offset))).ToList();
            var next = offset + 2 < ItemCount ? new Uri(BaseUrl, $"items?offset={offset + 2}").AbsoluteUri : null;
            return Results.Json(new Dictionary<string, object?> { ["results"] = items, ["next"] = next });
        });
        app.MapGet("/loop", () => Results.Json(new Dictionary<string, object?> { ["results"] = new[] { 1 }, ["next"] = "/loop" }));
        app.MapGet("/secure", (HttpContext context) =>
            context.Request.Headers.Authorization.ToString() == $"Bearer {CurrentToken}"
                ? Results.Json(new Dictionary<string, string> { ["ok"] = "yes" })
                : Results.Json(new Dictionary<string, string> { ["error"] = "invalid_token" }, statusCode: 401));
        app.MapGet("/bad", () => Results.Json(new Dictionary<string, string> { ["error"] = "bad request" }, statusCode: 400));
    }
}

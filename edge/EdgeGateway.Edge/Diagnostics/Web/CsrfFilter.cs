using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>
/// Refuses a state-changing request that does not carry the antiforgery token (form field or the
/// X-CSRF-TOKEN header the page's script sends), on top of the SameSite=Strict session cookie.
/// </summary>
public sealed class CsrfFilter(IAntiforgery antiforgery, DiagnosticsCounters counters) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            counters.CsrfRejected();
            return Results.Json(new ErrorResponse("missing or invalid CSRF token: reload the page and try again"),
                DiagnosticsJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status400BadRequest);
        }

        return await next(context);
    }
}

using EdgeGateway.Edge.Diagnostics.Auth;
using EdgeGateway.Edge.Diagnostics.Logs;
using EdgeGateway.Edge.SelfTest;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>Registers and maps the technicians' page: cookie login, CSRF on every state change, security headers.</summary>
public static class DiagnosticsWeb
{
    public static IServiceCollection AddDiagnosticsWeb(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<DiagnosticsOptions>, DiagnosticsOptionsValidator>();
        services.TryAddSingleton<EmbeddedAssets>();
        services.TryAddSingleton<LoginThrottle>();
        services.TryAddSingleton<DiagnosticsCounters>();
        services.AddSingleton<IMetricsContributor>(sp => sp.GetRequiredService<DiagnosticsCounters>());
        services.AddSingleton<IMetricsContributor, RuntimeMemoryMetrics>();
        services.TryAddSingleton<LogRing>();
        services.TryAddSingleton<SelfTestRunner>();
        services.TryAddSingleton(sp => TechnicianPasswordStore.FromFile(sp.GetRequiredService<IOptions<DiagnosticsOptions>>()));
        services.AddScoped<CsrfFilter>();

        services.AddAuthentication(LoginEndpoints.Scheme)
            .AddCookie(LoginEndpoints.Scheme, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(LoginEndpoints.Scheme)
            .Configure<IOptions<DiagnosticsOptions>>((cookie, diagnostics) =>
            {
                cookie.Cookie.Name = "edgegw-session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(diagnostics.Value.SessionMinutes);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
                cookie.Events.OnRedirectToLogin = context =>
                {
                    // Scripts and Prometheus want a status code, people want the login page.
                    if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/metrics"))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    }

                    context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorization();
        services.AddAntiforgery(options =>
        {
            options.HeaderName = "X-CSRF-TOKEN";
            options.FormFieldName = "csrf";
            options.Cookie.Name = "edgegw-csrf";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    public static WebApplication MapDiagnosticsWeb(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";
            await next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        LoginEndpoints.Map(app);
        PageEndpoints.Map(app);
        ApiEndpoints.Map(app);
        return app;
    }
}

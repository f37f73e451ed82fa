namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>The antiforgery token the page's script sends back in X-CSRF-TOKEN.</summary>
public sealed record CsrfTokenResponse(string? Token);

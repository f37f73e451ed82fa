namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>What every refused API call returns: {"error": "what went wrong and what to do"}.</summary>
public sealed record ErrorResponse(string? Error);

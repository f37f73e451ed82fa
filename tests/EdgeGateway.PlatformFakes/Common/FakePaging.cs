using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace EdgeGateway.PlatformFakes.Common;

/// <summary>Page / limit parsing and the link to a page, shared by the fakes' list endpoints.</summary>
public static class FakePaging
{
    /// <summary>A positive integer query value, the default when absent; null when present but not a positive integer.</summary>
    public static int? PositiveInt(HttpRequest request, string name, int fallback)
    {
        ArgumentNullException.ThrowIfNull(request);
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
    }

    /// <summary>The request's own URL with <paramref name="pageParameter"/> set to <paramref name="page"/> (other query values kept).</summary>
    public static string PageUrl(HttpRequest request, string pageParameter, int page)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query
            .Where(q => q.Key != pageParameter)
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"{pageParameter}={page.ToString(CultureInfo.InvariantCulture)}");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join('&', query)}";
    }

    public static int LastPage(int total, int perPage) => Math.Max(1, (total + perPage - 1) / perPage);
}

namespace EdgeGateway.CloudBridge.Config;

/// <summary>The fleet REST API, /health and /metrics (section `Api`).</summary>
public sealed class ApiOptions
{
    /// <summary>Kestrel URL, e.g. `http://0.0.0.0:8081`; port 0 picks a free one.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8081";

    /// <summary>Accepted `Authorization: Token &lt;token&gt;` values. Empty means the API answers 401 to everything.</summary>
    public IList<string> Tokens { get; } = [];

    public int DefaultPageSize { get; set; } = 100;

    public int MaxPageSize { get; set; } = 1000;
}

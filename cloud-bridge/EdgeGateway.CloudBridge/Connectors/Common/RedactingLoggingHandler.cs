using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// The innermost handler of a platform's HttpClient: counts every attempt on the status board and logs it
/// (method, URL, status, duration) with credentials removed: known secrets are masked, and so is the value
/// of every query parameter whose name suggests a credential. Headers and bodies are never logged.
/// </summary>
public sealed partial class RedactingLoggingHandler(
    string connector, SecretRedactor redactor, ConnectorStatusBoard board, ILogger logger) : DelegatingHandler
{
    private static readonly string[] SecretParameterWords = ["token", "key", "secret", "password", "pin", "signature", "auth"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var url = RedactUrl(request.RequestUri, redactor);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            board.RecordRequest(connector, response.StatusCode);
            LogAttempt(logger, connector, request.Method.Method, url, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            board.RecordRequest(connector, null);
            LogAttemptFailed(logger, connector, request.Method.Method, url, ex.GetType().Name, redactor.Redact(ex.Message));
            throw;
        }
    }

    /// <summary>The URL without user info, with known secrets and credential-like query values masked.</summary>
    public static string RedactUrl(Uri? url, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        if (url is null)
        {
            return string.Empty;
        }

        if (!url.IsAbsoluteUri)
        {
            return redactor.Redact(url.OriginalString);
        }

        var text = new StringBuilder(url.GetLeftPart(UriPartial.Path).Replace(url.UserInfo + "@", string.Empty, StringComparison.Ordinal));
        var query = url.Query.TrimStart('?');
        if (query.Length > 0)
        {
            var first = true;
            foreach (var pair in query.Split('&'))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                text.Append(first ? '?' : '&').Append(name);
                if (equals >= 0)
                {
                    text.Append('=').Append(IsSecretName(name) ? SecretRedactor.Mask : pair[(equals + 1)..]);
                }

                first = false;
            }
        }

        return redactor.Redact(text.ToString());
    }

    private static bool IsSecretName(string name) =>
        SecretParameterWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connector {Connector}: {Method} {Url} -> {Status} in {Ms:F0} ms")]
    private static partial void LogAttempt(ILogger logger, string connector, string method, string url, int status, double ms);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {Connector}: {Method} {Url} failed: {Type}: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, string connector, string method, string url, string type, string reason);
}

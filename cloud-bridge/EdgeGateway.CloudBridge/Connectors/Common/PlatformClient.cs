using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// One platform's HTTP pipeline: per-attempt timeout, retries with exponential back-off and jitter for
/// 5xx / 429 / 408 / timeouts / connection failures (a Retry-After header sets the delay), no retry for
/// other 4xx except one credential refresh through <see cref="IPlatformAuthenticator"/>, and a circuit
/// breaker that stops calling a failing platform for a while (its state is on the status board).
/// Each attempt builds a fresh request from the factory, because a sent HttpRequestMessage cannot be reused.
/// </summary>
public sealed partial class PlatformClient : IDisposable
{
    private readonly string _connector;
    private readonly PlatformHttpOptions _options;
    private readonly ConnectorStatusBoard _board;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <param name="primary">The transport; tests pass nothing (real sockets to the fake's Kestrel).</param>
    public PlatformClient(
        string connector, PlatformHttpOptions options, SecretRedactor redactor, ConnectorStatusBoard board,
        TimeProvider time, ILoggerFactory loggers, IPlatformAuthenticator? authenticator = null, HttpMessageHandler? primary = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _connector = connector;
        _options = options;
        Redactor = redactor;
        _board = board;
        _time = time;
        Authenticator = authenticator;
        _logger = loggers.CreateLogger($"EdgeGateway.CloudBridge.Connectors.{connector}");
        var logging = new RedactingLoggingHandler(connector, redactor, board, _logger)
        {
            InnerHandler = primary ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false },
        };
        _http = new HttpClient(logging) { Timeout = Timeout.InfiniteTimeSpan, BaseAddress = options.BaseUri };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("edgegw-bridge/1");
        _pipeline = BuildPipeline();
        board.Register(connector);
    }

    public Uri BaseUri => _options.BaseUri;

    public SecretRedactor Redactor { get; }

    public IPlatformAuthenticator? Authenticator { get; }

    /// <summary>Sends without credentials handling or retries (token endpoints use this inside the authenticator).</summary>
    public async Task<HttpResponseMessage> SendRawAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken) =>
        await ExecuteAsync(request, authorize: false, cancellationToken);

    /// <summary>
    /// The final answer after retries and at most one credential refresh; any status, the caller decides.
    /// Throws <see cref="PlatformException"/> (transient) when no answer came: timeouts, refused connections,
    /// open circuit.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await ExecuteAsync(request, authorize: true, cancellationToken);
        if (Authenticator is null || !Authenticator.IsRejected(response))
        {
            return response;
        }

        LogCredentialRejected(_connector, (int)response.StatusCode);
        if (!await Authenticator.RefreshAsync(cancellationToken))
        {
            return response;
        }

        response.Dispose();
        return await ExecuteAsync(request, authorize: true, cancellationToken);
    }

    /// <summary><see cref="SendAsync"/>, then the body as JSON; a non-2xx answer becomes a <see cref="PlatformException"/> carrying the (redacted) body.</summary>
    public async Task<JsonDocument> SendJsonAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return JsonDocument.Parse(body.Length == 0 ? "null"u8.ToArray() : body);
        }
        catch (JsonException ex)
        {
            throw new PlatformException($"{_connector}: {response.RequestMessage?.Method} {Path(response)} answered {(int)response.StatusCode} with a body that is not JSON: {ex.Message}", response.StatusCode);
        }
    }

    /// <summary>Throws a <see cref="PlatformException"/> describing a non-2xx answer (status, path, first 300 characters of the body, redacted).</summary>
    public async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (body.Length > 300)
        {
            body = body[..300] + "...";
        }

        throw new PlatformException(
            Redactor.Redact($"{_connector}: {response.RequestMessage?.Method} {Path(response)} answered {(int)response.StatusCode} {response.ReasonPhrase}: {body.ReplaceLineEndings(" ")}"),
            response.StatusCode,
            PlatformResponses.RetryAfter(response, _time));
    }

    private string Path(HttpResponseMessage response) => RedactingLoggingHandler.RedactUrl(response.RequestMessage?.RequestUri, Redactor);

    private async Task<HttpResponseMessage> ExecuteAsync(Func<HttpRequestMessage> factory, bool authorize, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                async ct =>
                {
                    var request = factory();
                    if (authorize && Authenticator is not null)
                    {
                        await Authenticator.AuthorizeAsync(request, ct);
                    }

                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                },
                cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw new PlatformException($"{_connector}: circuit open after repeated failures; not calling the platform for now", null, ex.RetryAfter ?? TimeSpan.FromMilliseconds(_options.BreakerBreakMs), ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new PlatformException($"{_connector}: no answer within {_options.TimeoutMs} ms (after {_options.MaxRetries} retries)", null, null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PlatformException(Redactor.Redact($"{_connector}: cannot reach the platform: {ex.Message}"), null, null, ex);
        }
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline()
    {
        var maxDelay = TimeSpan.FromMilliseconds(_options.RetryMaxDelayMs);
        bool Transient(Outcome<HttpResponseMessage> outcome) => outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Result: { } r } when PlatformResponses.IsTransient(r.StatusCode) =>
                // A Retry-After beyond the longest back-off is left to the dispatcher, which keeps the work and waits.
                PlatformResponses.RetryAfter(r, _time) is not { } after || after <= maxDelay,
            _ => false,
        };

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(Transient(args.Outcome)),
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(_options.RetryBaseDelayMs),
                MaxDelay = maxDelay,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? PlatformResponses.RetryAfter(r, _time) : null),
                OnRetry = args =>
                {
                    _board.RecordRetry(_connector);
                    LogRetry(_connector, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "?");
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException or TimeoutRejectedException } => true,
                { Result: { } r } => PlatformResponses.IsTransient(r.StatusCode),
                _ => false,
            }),
            FailureRatio = _options.BreakerFailureRatio,
            MinimumThroughput = _options.BreakerMinimumThroughput,
            SamplingDuration = TimeSpan.FromMilliseconds(_options.BreakerSamplingMs),
            BreakDuration = TimeSpan.FromMilliseconds(_options.BreakerBreakMs),
            OnOpened = args =>
            {
                _board.SetCircuit(_connector, CircuitState.Open);
                LogCircuitOpened(_connector, args.BreakDuration.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                _board.SetCircuit(_connector, CircuitState.HalfOpen);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                _board.SetCircuit(_connector, CircuitState.Closed);
                LogCircuitClosed(_connector);
                return ValueTask.CompletedTask;
            },
        });
        builder.AddTimeout(TimeSpan.FromMilliseconds(_options.TimeoutMs));
        return builder.Build();
    }

    public void Dispose() => _http.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {Connector}: retry {Attempt} in {DelayMs:F0} ms after {Outcome}")]
    private partial void LogRetry(string connector, int attempt, double delayMs, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Connector}: circuit opened for {BreakMs:F0} ms; work stays queued")]
    private partial void LogCircuitOpened(string connector, double breakMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {Connector}: circuit closed, platform answering again")]
    private partial void LogCircuitClosed(string connector);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {Connector}: credential rejected ({Status}), refreshing once")]
    private partial void LogCredentialRejected(string connector, int status);
}

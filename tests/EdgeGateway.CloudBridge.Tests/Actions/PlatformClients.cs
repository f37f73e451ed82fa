using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.CloudBridge.Observability;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.CloudBridge.Tests.Actions;

/// <summary>Real platform clients for the contract tests: fast retries, so an injected fault costs milliseconds.</summary>
internal static class PlatformClients
{
    public static T Fast<T>(T options, Uri baseUrl)
        where T : PlatformHttpOptions
    {
        options.BaseUrl = baseUrl.AbsoluteUri;
        options.TimeoutMs = 2_000;
        options.MaxRetries = 2;
        options.RetryBaseDelayMs = 1;
        options.RetryMaxDelayMs = 2_000;
        return options;
    }

    public static PlatformClient Create(string name, PlatformHttpOptions options, IPlatformAuthenticator authenticator, ConnectorStatusBoard? board = null, params string[] secrets) =>
        new(name, options, new SecretRedactor(secrets), board ?? new ConnectorStatusBoard(new BridgeMetrics(), TimeProvider.System), TimeProvider.System,
            NullLoggerFactory.Instance, authenticator);
}

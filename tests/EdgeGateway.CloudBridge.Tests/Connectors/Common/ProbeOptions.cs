using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Tests.Connectors.Common;

/// <summary>Platform options for the probe, with fast back-offs so the tests run in milliseconds.</summary>
internal sealed class ProbeOptions : PlatformHttpOptions
{
    public ProbeOptions(Uri baseUrl)
    {
        BaseUrl = baseUrl.AbsoluteUri;
        TimeoutMs = 500;
        MaxRetries = 2;
        RetryBaseDelayMs = 1;
        RetryMaxDelayMs = 5000;
        BreakerMinimumThroughput = 4;
        BreakerFailureRatio = 0.5;
        BreakerSamplingMs = 10_000;
        BreakerBreakMs = 700;
    }
}

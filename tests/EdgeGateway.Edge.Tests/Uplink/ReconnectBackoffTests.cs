using EdgeGateway.Edge.Uplink;

namespace EdgeGateway.Edge.Tests.Uplink;

public class ReconnectBackoffTests
{
    [Theory]
    [InlineData(0, 500, 1_000)]
    [InlineData(1, 1_000, 2_000)]
    [InlineData(3, 4_000, 8_000)]
    [InlineData(10, 30_000, 60_000)]
    [InlineData(1_000, 30_000, 60_000)]
    public void Doubles_from_the_minimum_up_to_the_cap_with_jitter_in_the_upper_half(int attempt, int lowMs, int highMs)
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new Random(attempt));
        var delays = Enumerable.Range(0, 200).Select(_ => backoff.Delay(attempt).TotalMilliseconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, lowMs, highMs));
        Assert.True(delays.Distinct().Count() > 100, "jitter spreads a fleet's reconnects");
    }
}

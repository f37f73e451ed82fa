using EdgeGateway.Edge.Uplink;

namespace EdgeGateway.Edge.Tests.Uplink;

public class TokenBucketTests
{
    [Fact]
    public void Allows_the_burst_then_the_rate()
    {
        var clock = new StepClock();
        var bucket = new TokenBucket(ratePerSecond: 10, burst: 3, clock);

        Assert.True(bucket.TryTake(out _));
        Assert.True(bucket.TryTake(out _));
        Assert.True(bucket.TryTake(out _));
        Assert.False(bucket.TryTake(out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(100), wait);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(bucket.TryTake(out _));
        Assert.False(bucket.TryTake(out _));
    }

    [Fact]
    public void Idle_time_refills_no_more_than_the_burst()
    {
        var clock = new StepClock();
        var bucket = new TokenBucket(ratePerSecond: 100, burst: 2, clock);
        clock.Advance(TimeSpan.FromHours(1));

        Assert.True(bucket.TryTake(out _));
        Assert.True(bucket.TryTake(out _));
        Assert.False(bucket.TryTake(out _));
    }
}

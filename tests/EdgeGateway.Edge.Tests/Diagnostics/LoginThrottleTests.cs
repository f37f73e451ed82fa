using EdgeGateway.Edge.Diagnostics.Auth;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Edge.Tests.Diagnostics;

public class LoginThrottleTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void The_first_failures_are_free_then_the_wait_doubles()
    {
        var throttle = new LoginThrottle(_time);
        for (var i = 0; i < LoginThrottle.FreeAttempts - 1; i++)
        {
            throttle.RecordFailure("10.0.0.5");
            Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("10.0.0.5"));
        }

        throttle.RecordFailure("10.0.0.5");
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.RetryAfter("10.0.0.5"));
        throttle.RecordFailure("10.0.0.5");
        Assert.Equal(TimeSpan.FromSeconds(2), throttle.RetryAfter("10.0.0.5"));
        throttle.RecordFailure("10.0.0.5");
        Assert.Equal(TimeSpan.FromSeconds(4), throttle.RetryAfter("10.0.0.5"));

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("10.0.0.5"));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("10.0.0.6"));
    }

    [Fact]
    public void The_wait_is_capped_and_a_success_clears_it()
    {
        var throttle = new LoginThrottle(_time);
        for (var i = 0; i < 40; i++)
        {
            throttle.RecordFailure("c");
        }

        Assert.Equal(LoginThrottle.MaxLockout, throttle.RetryAfter("c"));
        throttle.RecordSuccess("c");
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("c"));
        Assert.Equal(0, throttle.FailureCount("c"));
    }

    [Fact]
    public void Memory_is_bounded_when_many_clients_fail()
    {
        var throttle = new LoginThrottle(_time);
        for (var i = 0; i < LoginThrottle.MaxTrackedClients + 50; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            throttle.RecordFailure($"client-{i}");
        }

        Assert.Equal(0, throttle.FailureCount("client-0"));
        Assert.Equal(1, throttle.FailureCount($"client-{LoginThrottle.MaxTrackedClients + 49}"));
    }
}

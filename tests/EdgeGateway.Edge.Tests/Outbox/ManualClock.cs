namespace EdgeGateway.Edge.Tests.Outbox;

/// <summary>A clock the test moves by hand (timers are not needed by the outbox tests).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

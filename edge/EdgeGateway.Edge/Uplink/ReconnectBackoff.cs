namespace EdgeGateway.Edge.Uplink;

/// <summary>
/// Delay before reconnect attempt n: exponential from the minimum, capped, with "equal jitter" (a random
/// point in the upper half) so a fleet that lost the broker together does not come back in lockstep.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan min, TimeSpan max, Random random)
{
    public TimeSpan Delay(int attempt)
    {
        var exponent = Math.Clamp(attempt, 0, 30);
        var ceiling = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (random.NextDouble() * 0.5)));
    }
}

namespace EdgeGateway.Edge.Uplink;

/// <summary>Rate limit for publishes: <c>rate</c> tokens a second on average, up to <c>burst</c> at once.</summary>
public sealed class TokenBucket
{
    private readonly double _rate;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;

    public TokenBucket(double ratePerSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        ArgumentNullException.ThrowIfNull(time);
        _rate = ratePerSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    /// <summary>Takes a token if one is there; otherwise says how long until one is.</summary>
    public bool TryTake(out TimeSpan wait)
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _rate));
        _last = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            wait = TimeSpan.Zero;
            return true;
        }

        wait = TimeSpan.FromSeconds((1 - _tokens) / _rate);
        return false;
    }

    public async ValueTask TakeAsync(CancellationToken cancellationToken)
    {
        while (!TryTake(out var wait))
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
    }
}

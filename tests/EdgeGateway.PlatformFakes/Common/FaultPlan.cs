namespace EdgeGateway.PlatformFakes.Common;

/// <summary>
/// Faults a fake injects, in order: each queued fault applies to one matching request; while
/// <see cref="IsDown"/> every request gets 503. Thread-safe (Kestrel serves requests concurrently).
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _queued = [];

    /// <summary>While true every request is answered 503 Service Unavailable.</summary>
    public bool IsDown { get; set; }

    /// <summary>The next <paramref name="count"/> matching requests get <paramref name="status"/> (and Retry-After when given).</summary>
    public void Fail(int count, int status, int? retryAfterSeconds = null, string? pathPrefix = null, string? body = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _queued.Add(new Fault(status, retryAfterSeconds, null, pathPrefix, body));
            }
        }
    }

    /// <summary>The next <paramref name="count"/> matching requests are answered normally after <paramref name="delay"/>.</summary>
    public void Slow(int count, TimeSpan delay, string? pathPrefix = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _queued.Add(new Fault(null, null, delay, pathPrefix));
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queued.Clear();
            IsDown = false;
        }
    }

    /// <summary>Takes the first queued fault matching <paramref name="path"/>, or null.</summary>
    public Fault? Take(string path)
    {
        if (IsDown)
        {
            return new Fault(503);
        }

        lock (_gate)
        {
            var index = _queued.FindIndex(f => f.Matches(path));
            if (index < 0)
            {
                return null;
            }

            var fault = _queued[index];
            _queued.RemoveAt(index);
            return fault;
        }
    }
}

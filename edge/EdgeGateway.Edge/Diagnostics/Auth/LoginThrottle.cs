using System.Collections.Concurrent;

namespace EdgeGateway.Edge.Diagnostics.Auth;

/// <summary>
/// Lockout with backoff for the technician login, per client address. After
/// <see cref="FreeAttempts"/> failures every further failure doubles the wait (1 s, 2 s, 4 s, … up to
/// <see cref="MaxLockout"/>); a success clears the record. Bounded: at most <see cref="MaxTrackedClients"/>
/// addresses are remembered, the stalest dropped first, so a scan of many addresses cannot exhaust memory.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int FreeAttempts = 5;
    public const int MaxTrackedClients = 1024;
    public static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, FailureRecord> _failures = new(StringComparer.Ordinal);

    /// <summary>Zero when the client may try now; otherwise how long it must wait.</summary>
    public TimeSpan RetryAfter(string client)
    {
        if (!_failures.TryGetValue(client, out var record) || record.LockedUntil is not { } until)
        {
            return TimeSpan.Zero;
        }

        var left = until - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    public void RecordFailure(string client)
    {
        var now = time.GetUtcNow();
        _failures.AddOrUpdate(
            client,
            _ => new FailureRecord(1, null, now),
            (_, old) =>
            {
                var count = old.Count + 1;
                DateTimeOffset? lockedUntil = null;
                if (count >= FreeAttempts)
                {
                    var exponent = Math.Min(count - FreeAttempts, 20);
                    var wait = TimeSpan.FromSeconds(Math.Pow(2, exponent));
                    lockedUntil = now + (wait < MaxLockout ? wait : MaxLockout);
                }

                return new FailureRecord(count, lockedUntil, now);
            });
        TrimIfNeeded();
    }

    public void RecordSuccess(string client) => _failures.TryRemove(client, out _);

    public int FailureCount(string client) => _failures.TryGetValue(client, out var r) ? r.Count : 0;

    private void TrimIfNeeded()
    {
        if (_failures.Count <= MaxTrackedClients)
        {
            return;
        }

        foreach (var stale in _failures.OrderBy(p => p.Value.LastFailure).Take(_failures.Count - MaxTrackedClients))
        {
            _failures.TryRemove(stale.Key, out _);
        }
    }

    private sealed record FailureRecord(int Count, DateTimeOffset? LockedUntil, DateTimeOffset LastFailure);
}

using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace EdgeGateway.Testing.Fakes.Common;

/// <summary>
/// Faults a fake platform injects before its real endpoints answer: the next N requests fail with a status
/// (5xx, or 429 with Retry-After), or are answered only after a delay. Tests arm them and read
/// <see cref="Injected"/> to see how many were served.
/// </summary>
public sealed class FakeFaults
{
    private readonly Lock _gate = new();
    private readonly Queue<Fault> _pending = new();
    private int _injected;

    public int Injected
    {
        get
        {
            lock (_gate)
            {
                return _injected;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> requests are answered with <paramref name="status"/> (and Retry-After seconds when given).</summary>
    public void FailNext(int count, int status = StatusCodes.Status503ServiceUnavailable, int? retryAfterSeconds = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _pending.Enqueue(new Fault(status, retryAfterSeconds, TimeSpan.Zero));
            }
        }
    }

    /// <summary>Every request fails with <paramref name="status"/> until <see cref="Clear"/>: the platform is down.</summary>
    public void FailAll(int status = StatusCodes.Status503ServiceUnavailable) => FailNext(1_000_000, status);

    /// <summary>The next <paramref name="count"/> requests are answered normally but only after <paramref name="delay"/>.</summary>
    public void DelayNext(int count, TimeSpan delay)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _pending.Enqueue(new Fault(null, null, delay));
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
        }
    }

    /// <summary>Middleware body: true when the fault answered the request (the endpoint must not run).</summary>
    internal async Task<bool> ApplyAsync(HttpContext context)
    {
        Fault fault;
        lock (_gate)
        {
            if (!_pending.TryDequeue(out fault))
            {
                return false;
            }

            _injected++;
        }

        if (fault.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(fault.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return true;
            }
        }

        if (fault.Status is not { } status)
        {
            return false;
        }

        context.Response.StatusCode = status;
        if (fault.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync($"injected {status}", context.RequestAborted);
        return true;
    }

    private readonly record struct Fault(int? Status, int? RetryAfterSeconds, TimeSpan Delay);
}

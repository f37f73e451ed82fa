using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Edge.Nfc;

/// <summary>
/// The last few reads for the diagnostics page, and "read a tag now": a technician's request makes the
/// poll loop read whatever tag is in the field even if it is the same tag as before (the debouncer would
/// otherwise ignore it). Requested reads are shown here but not sent to the cloud as customer taps.
/// </summary>
public sealed class NfcRecentTaps(int capacity = 20)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TagReadItem> _recent = new();
    private readonly List<TaskCompletionSource<TagReadItem>> _waiting = [];

    public IReadOnlyList<TagReadItem> Recent()
    {
        lock (_lock)
        {
            return _recent.ToArray();
        }
    }

    /// <summary>True while a technician waits for a read; the poll loop asks when a tag is in the field, and <see cref="Record"/> answers every waiter.</summary>
    public bool IsReadRequested()
    {
        lock (_lock)
        {
            return _waiting.Count > 0;
        }
    }

    public void Record(TagReadItem item)
    {
        List<TaskCompletionSource<TagReadItem>> waiting;
        lock (_lock)
        {
            _recent.AddFirst(item);
            while (_recent.Count > capacity)
            {
                _recent.RemoveLast();
            }

            waiting = [.. _waiting];
            _waiting.Clear();
        }

        foreach (var waiter in waiting)
        {
            waiter.TrySetResult(item);
        }
    }

    /// <summary>Asks for a read of the tag in the field and waits for it, or times out when no tag is presented.</summary>
    public async Task<TagReadItem?> ReadNowAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<TagReadItem>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiting.Add(waiter);
        }

        try
        {
            return await waiter.Task.WaitAsync(wait, cancellationToken);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                _waiting.Remove(waiter);
            }

            return null;
        }
    }
}

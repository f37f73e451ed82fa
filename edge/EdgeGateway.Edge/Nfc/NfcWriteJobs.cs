using System.Threading.Channels;

namespace EdgeGateway.Edge.Nfc;

/// <summary>
/// Encode-URL jobs for the running tag service: an installer (CLI, diagnostics page) or a cloud command
/// asks for a URL; the next tag presented within the wait gets it, verified by reading it back.
/// </summary>
public sealed class NfcWriteJobs
{
    private readonly Channel<Job> _jobs = Channel.CreateBounded<Job>(new BoundedChannelOptions(16)
    {
        FullMode = BoundedChannelFullMode.Wait,
    });

    public async Task<NfcWriteResult> WriteUrlAsync(string url, TimeSpan waitForTag, CancellationToken cancellationToken)
    {
        if (!IsWritableUrl(url, out var reason))
        {
            return NfcWriteResult.Failed(url ?? "", reason);
        }

        var job = new Job(url, waitForTag);
        using var registration = cancellationToken.Register(() => job.Completion.TrySetCanceled(cancellationToken));
        await _jobs.Writer.WriteAsync(job, cancellationToken);
        return await job.Completion.Task;
    }

    /// <summary>Absolute URIs only: a relative string on a shelf tag would open nothing on a phone.</summary>
    public static bool IsWritableUrl(string? url, out string reason)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            reason = $"'{url}' is not an absolute URL (e.g. https://shop.example/t/1).";
            return false;
        }

        reason = "";
        return true;
    }

    internal bool TryTake(out Job job) => _jobs.Reader.TryRead(out job!);

    internal sealed class Job(string url, TimeSpan waitForTag)
    {
        public string Url { get; } = url;

        public TimeSpan WaitForTag { get; } = waitForTag;

        public long? StartedAt { get; set; }

        public TaskCompletionSource<NfcWriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

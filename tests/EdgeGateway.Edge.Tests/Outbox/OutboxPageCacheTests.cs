using System.Text;
using EdgeGateway.Edge.Outbox;

namespace EdgeGateway.Edge.Tests.Outbox;

/// <summary>
/// Found by explaining the fault soak's rising RSS (docs/RELIABILITY.md): LiteDB keeps every page one query or
/// transaction touches in its page cache until that query ends, and the cache never gives memory back. An outbox
/// that reads its whole file in one query therefore holds memory in proportion to the file (backlog plus retained
/// acknowledged items) for the rest of the process's life. Every whole-file pass must go chunk by chunk.
/// </summary>
public sealed class OutboxPageCacheTests : IDisposable
{
    private const int Items = 60_000;
    // LiteDB 5.0 grows its cache in segments of 12, 50, 100, 500 and 1,000 pages of 8 KiB and reuses pages only when
    // more than a segment's worth are idle: streaming through a file of any size settles at 1,662 pages (13.6 MB).
    private const long CacheLimit = 14L * 1024 * 1024;
    private static readonly byte[] Heartbeat = Encoding.UTF8.GetBytes(
        "{\"beaconId\":\"ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:2\",\"kind\":\"ibeacon\",\"mac\":\"c3:4a:10:22:9b:01\"," +
        "\"firstSeen\":\"2026-11-24T06:00:00.000Z\",\"lastSeen\":\"2026-11-24T06:01:00.000Z\",\"rssi\":-67,\"rssiMin\":-80,\"rssiMax\":-55," +
        "\"txPower\":-59,\"distanceM\":2.4,\"sightings\":42,\"batteryMv\":2950,\"temperatureC\":21.5,\"note\":\"padding-to-about-400-bytes\"}");

    private readonly OutboxFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Opening_a_large_backlog_does_not_pull_the_whole_file_into_the_page_cache()
    {
        await FillAsync();
        var fileBytes = new FileInfo(_file.Path).Length;
        Assert.True(fileBytes > CacheLimit + (4L * 1024 * 1024), $"the file ({fileBytes} bytes) is too small to tell");

        using var outbox = _file.Open(Roomy);

        Assert.Equal(Items, outbox.State.Backlog);
        Assert.InRange(outbox.CacheBytes, 0, CacheLimit);
    }

    [Fact]
    public async Task Purging_a_large_retention_at_once_does_not_pull_it_into_the_page_cache()
    {
        await FillAsync();
        using var outbox = _file.Open(Roomy);
        while (outbox.TryTakeNextBatch(500, 1_000_000, out var batch))
        {
            outbox.Acknowledge(batch!);
        }

        Assert.Equal(Items, outbox.State.Retained);
        var before = outbox.CacheBytes;

        // A clock step past the retention (the soak's +2 h) expires everything in one maintenance pass.
        _file.Clock.Advance(TimeSpan.FromHours(2));
        outbox.RunMaintenance();

        Assert.Equal(0, outbox.State.Retained);
        Assert.InRange(outbox.CacheBytes - before, 0, CacheLimit);
    }

    private static void Roomy(OutboxOptions options)
    {
        options.MaxItems = 1_000_000;
        options.MaxBytes = 1_000_000_000;
        options.RetainAcknowledgedMaxItems = 1_000_000;
    }

    private async Task FillAsync()
    {
        using var outbox = _file.Open(Roomy);
        for (var written = 0; written < Items; written += 2_000)
        {
            var appends = new Task[2_000];
            for (var i = 0; i < appends.Length; i++)
            {
                appends[i] = outbox.AppendAsync("heartbeats", Heartbeat, OutboxPriority.Bulk, TestContext.Current.CancellationToken).AsTask();
            }

            outbox.FlushTick();
            await Task.WhenAll(appends);
        }
    }
}

using System.Text;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.Edge.Tests.Outbox;

/// <summary>
/// Found by a heap dump of the publishing daemon (docs/RELIABILITY.md, "Memory over time"): LiteDB compiles each
/// query expression text once into a dynamic method and keeps it in a process-wide cache that is never emptied. An
/// outbox that writes a sequence number into a query's text leaves one compiled method behind per chunk it ever reads,
/// so the heap grows for as long as the gateway publishes. The outbox's queries must be a fixed set of texts.
/// </summary>
public sealed class OutboxExpressionCacheTests : IDisposable
{
    private const int Chunks = 400;
    // The outbox's own texts are a handful; other tests of this assembly running alongside add a few of theirs once.
    private const int NewTextsAllowed = 40;
    private static readonly byte[] Item = Encoding.UTF8.GetBytes("{\"beaconId\":\"ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:2\",\"rssi\":-67}");

    private readonly OutboxFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Reading_publishing_and_purging_many_chunks_compiles_a_fixed_set_of_LiteDB_expressions()
    {
        await CycleAsync(); // the first cycle may compile the outbox's texts for the first time in this process
        var before = LiteDbExpressionCache.CompiledTexts();

        await CycleAsync();

        var added = LiteDbExpressionCache.CompiledTexts() - before;
        Assert.True(added <= NewTextsAllowed, $"{Chunks} chunks written, read back, published and purged left {added} new compiled LiteDB expressions behind");
    }

    /// <summary>Every path that walks chunks: write them one by one, reopen (measure), take and acknowledge, purge.</summary>
    private async Task CycleAsync()
    {
        using (var outbox = _file.Open(Roomy))
        {
            for (var chunk = 0; chunk < Chunks; chunk++)
            {
                var append = outbox.AppendAsync("heartbeats", Item, OutboxPriority.Bulk, TestContext.Current.CancellationToken);
                outbox.FlushTick();
                await append;
            }
        }

        using (var outbox = _file.Open(Roomy))
        {
            Assert.Equal(Chunks, outbox.State.Backlog);
            while (outbox.TryTakeNextBatch(1, 1_000_000, out var batch))
            {
                outbox.Acknowledge(batch!);
            }

            _file.Clock.Advance(TimeSpan.FromHours(2));
            outbox.RunMaintenance();
            Assert.Equal(0, outbox.State.Backlog);
            Assert.Equal(0, outbox.State.Retained);
        }
    }

    private static void Roomy(OutboxOptions options)
    {
        options.MaxItems = 1_000_000;
        options.MaxBytes = 1_000_000_000;
        options.RetainAcknowledgedMaxItems = 1_000_000;
    }
}

using System.Text.Json;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Edge.Tracking;
using EdgeGateway.Protocol.Streams;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Tests.Tracking;

public class TrackingServiceTests
{
    [Fact]
    public async Task Heartbeats_go_to_the_heartbeats_stream_as_bulk_json()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var tracker = new BeaconTracker(new TrackingOptions());
        var outbox = new RecordingOutbox();
        using var service = new TrackingService(tracker, outbox, Options.Create(new TrackingOptions()), clock, NullLogger<TrackingService>.Instance);
        Air.IBeacon(tracker, 0xC00000000001, 9, -60, clock.Now);

        Assert.Equal(1, await service.CollectOnceAsync(TestContext.Current.CancellationToken));

        var (stream, json, priority) = Assert.Single(outbox.Items);
        Assert.Equal(StreamNames.Heartbeats, stream);
        Assert.Equal(OutboxPriority.Bulk, priority);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:9", doc.RootElement.GetProperty("beaconId").GetString());
        Assert.Equal("new", doc.RootElement.GetProperty("reason").GetString());
        Assert.Equal(-60, doc.RootElement.GetProperty("rssiLast").GetInt32());
        Assert.False(doc.RootElement.TryGetProperty("batteryMv", out _));
    }

    [Fact]
    public async Task An_outbox_failure_is_counted_and_does_not_stop_the_service()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var tracker = new BeaconTracker(new TrackingOptions());
        var outbox = new RecordingOutbox { FailWith = new IOException("disk full") };
        using var service = new TrackingService(tracker, outbox, Options.Create(new TrackingOptions()), clock, NullLogger<TrackingService>.Instance);
        Air.IBeacon(tracker, 0xC00000000001, 1, -60, clock.Now);
        Air.IBeacon(tracker, 0xC00000000002, 2, -60, clock.Now);

        await service.CollectOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, service.AppendFailures);
    }

    [Fact]
    public async Task A_tick_hands_over_every_heartbeat_before_waiting_for_any_to_be_durable()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var tracker = new BeaconTracker(new TrackingOptions());
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outbox = new RecordingOutbox { Durable = durable.Task };
        using var service = new TrackingService(tracker, outbox, Options.Create(new TrackingOptions()), clock, NullLogger<TrackingService>.Instance);
        for (var i = 1; i <= 3; i++)
        {
            Air.IBeacon(tracker, 0xC00000000000 + (ulong)i, (ushort)i, -60, clock.Now);
        }

        var collect = service.CollectOnceAsync(TestContext.Current.CancellationToken);

        // All three are in the outbox's hands while none is durable yet: the outbox can write them as one transaction.
        Assert.Equal(3, outbox.Items.Count);
        Assert.False(collect.IsCompleted);
        Assert.Equal(0, service.Appended);
        durable.SetResult();
        Assert.Equal(3, await collect);
        Assert.Equal(3, service.Appended);
    }

    [Fact]
    public async Task A_tick_that_fails_to_become_durable_is_counted_per_heartbeat()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var tracker = new BeaconTracker(new TrackingOptions());
        var outbox = new RecordingOutbox { Durable = Task.FromException(new IOException("commit failed")) };
        using var service = new TrackingService(tracker, outbox, Options.Create(new TrackingOptions()), clock, NullLogger<TrackingService>.Instance);
        Air.IBeacon(tracker, 0xC00000000001, 1, -60, clock.Now);
        Air.IBeacon(tracker, 0xC00000000002, 2, -60, clock.Now);

        Assert.Equal(2, await service.CollectOnceAsync(TestContext.Current.CancellationToken));

        Assert.Equal(2, service.AppendFailures);
        Assert.Equal(0, service.Appended);
    }

    /// <summary>
    /// Records appends. The durable LiteDB outbox is built under another issue; this stands in for the
    /// seam (IOutbox) only, so these tests check what the tracking service hands over, not durability.
    /// </summary>
    private sealed class RecordingOutbox : IOutbox
    {
        public List<(string Stream, byte[] Json, OutboxPriority Priority)> Items { get; } = [];

        public Exception? FailWith { get; init; }

        /// <summary>What every append's durability waits for; completed when not set.</summary>
        public Task Durable { get; init; } = Task.CompletedTask;

        public ValueTask AppendAsync(string stream, ReadOnlyMemory<byte> itemJson, OutboxPriority priority, CancellationToken cancellationToken)
        {
            if (FailWith is not null)
            {
                throw FailWith;
            }

            Items.Add((stream, itemJson.ToArray(), priority));
            return new ValueTask(Durable);
        }
    }
}

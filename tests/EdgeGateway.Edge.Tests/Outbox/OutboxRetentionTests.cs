using System.Text;
using System.Text.Json;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Edge.Uplink;
using EdgeGateway.Protocol.Commands;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Edge.Tests.Outbox;

/// <summary>
/// Acknowledged items stay on disk for a while, so the cloud can ask for them again when the broker acknowledged and
/// then lost them; <see cref="LiteDbOutbox.Resend"/> turns them into pending items again. Real LiteDB files, fake clock.
/// </summary>
public sealed class OutboxRetentionTests : IDisposable
{
    private const string Stream = "events";
    private readonly OutboxFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Acknowledged_items_are_retained_not_counted_as_backlog_and_deleted_after_the_retention()
    {
        using var outbox = _file.Open(o => o.RetainAcknowledged = TimeSpan.FromMinutes(15));
        await AppendAsync(outbox, 10);
        Drain(outbox);

        Assert.Equal(0, outbox.State.Backlog);
        Assert.Equal(10, outbox.State.Retained);
        Assert.Equal(10 * "{\"n\":0}".Length, outbox.State.RetainedBytes);

        _file.Clock.Advance(TimeSpan.FromMinutes(14));
        outbox.RunMaintenance();
        Assert.Equal(10, outbox.State.Retained);
        Assert.Equal([new SeqRange(1, 10)], outbox.Resend(Stream, 1, 10).Resent);
        Drain(outbox);

        _file.Clock.Advance(TimeSpan.FromMinutes(16));
        outbox.RunMaintenance();
        Assert.Equal(0, outbox.State.Retained);
        var late = outbox.Resend(Stream, 1, 10);
        Assert.Empty(late.Resent);
        Assert.Equal([new SeqRange(1, 10)], late.Gone);
        Assert.False(outbox.TryTakeNextBatch(100, 1_000_000, out _));
    }

    [Fact]
    public async Task A_resend_requeues_the_range_in_order_with_exact_counts_then_continues_after_what_stayed_acknowledged()
    {
        using var outbox = _file.Open();
        await AppendAsync(outbox, 20);
        Drain(outbox);
        await AppendAsync(outbox, 5, first: 20); // 21..25 pending

        var done = outbox.Resend(Stream, 5, 8);

        Assert.Equal([new SeqRange(5, 8)], done.Resent);
        Assert.Empty(done.Gone);
        Assert.Null(done.Pending);
        Assert.Equal(9, outbox.State.Backlog); // 5..8 again + 21..25
        Assert.Equal(16, outbox.State.Retained);
        var sent = Drain(outbox, maxItems: 3);
        Assert.Equal([5L, 6, 7, 8, 21, 22, 23, 24, 25], sent);
        Assert.Equal(0, outbox.State.Backlog);
        Assert.Equal(25, outbox.State.Retained);
        Assert.Equal(4, outbox.State.Resent);
    }

    [Fact]
    public async Task A_resend_says_what_is_pending_gone_or_never_appended()
    {
        using var outbox = _file.Open(o => o.RetainAcknowledgedMaxItems = 5);
        await AppendAsync(outbox, 20);
        Drain(outbox);
        await AppendAsync(outbox, 3, first: 20); // 21..23 pending
        outbox.RunMaintenance(); // the per-stream cap keeps 16..20

        var done = outbox.Resend(Stream, 10, 30);

        Assert.Equal([new SeqRange(16, 20)], done.Resent);
        Assert.Equal([new SeqRange(10, 15)], done.Gone);
        Assert.Equal(new SeqRange(21, 23), done.Pending);
        Assert.Equal(new SeqRange(24, 30), done.NotAppended);
        Assert.Equal([16L, 17, 18, 19, 20, 21, 22, 23], Drain(outbox));
        Assert.Equal(new SeqRange(5, 9), outbox.Resend("nope", 5, 9).NotAppended);
    }

    [Fact]
    public async Task In_flight_batches_of_the_stream_are_sent_again_after_a_resend_and_their_late_acks_ignored()
    {
        using var outbox = _file.Open();
        await AppendAsync(outbox, 10);
        Drain(outbox);
        await AppendAsync(outbox, 4, first: 10);
        Assert.True(outbox.TryTakeNextBatch(2, 1_000_000, out var inFlight)); // 11, 12

        outbox.Resend(Stream, 3, 4);
        outbox.Acknowledge(inFlight!); // from before the resend: ignored

        Assert.Equal(6, outbox.State.Backlog);
        Assert.Equal(0, outbox.State.InFlight);
        Assert.Equal([3L, 4, 11, 12, 13, 14], Drain(outbox));
    }

    [Fact]
    public async Task Overlapping_resends_merge_and_a_reconnect_mid_resend_restarts_it_from_the_first_unacknowledged()
    {
        using var outbox = _file.Open();
        await AppendAsync(outbox, 30);
        Drain(outbox);

        outbox.Resend(Stream, 10, 12);
        Assert.True(outbox.TryTakeNextBatch(2, 1_000_000, out var first)); // 10, 11
        outbox.Acknowledge(first!);
        outbox.Resend(Stream, 5, 6); // merges into 5..12
        Assert.True(outbox.TryTakeNextBatch(3, 1_000_000, out var lost));
        Assert.Equal([5L, 6, 7], lost!.Rows.Select(r => r.Seq));
        outbox.ReturnInFlightToPending();

        Assert.Equal([5L, 6, 7, 8, 9, 10, 11, 12], Drain(outbox));
        Assert.Equal(0, outbox.State.Backlog);
        Assert.Equal(30, outbox.State.Retained);
    }

    [Fact]
    public async Task Retained_items_survive_a_restart_as_acknowledged_and_can_still_be_resent()
    {
        using (var outbox = _file.Open())
        {
            await AppendAsync(outbox, 8);
            Drain(outbox);
            await AppendAsync(outbox, 2, first: 8);
        }

        using (var reopened = _file.Open())
        {
            Assert.Equal(2, reopened.State.Backlog);
            Assert.Equal(8, reopened.State.Retained);
            Assert.Equal([9L, 10], Drain(reopened));
            Assert.Equal([new SeqRange(2, 3)], reopened.Resend(Stream, 2, 3).Resent);
            Assert.Equal([2L, 3], Drain(reopened));
        }
    }

    /// <summary>
    /// A purge of many chunks runs in slices of 32 with the lock let go in between (OutboxPurgeBenchmarks measures
    /// the waits); the slices must add up to exactly the rows past their retention, on disk as well as in the counts.
    /// </summary>
    [Fact]
    public async Task A_purge_of_many_chunks_in_slices_deletes_exactly_the_expired_rows()
    {
        using (var outbox = _file.Open(o => o.RetainAcknowledged = TimeSpan.FromMinutes(15)))
        {
            for (var tick = 0; tick < 100; tick++)
            {
                await AppendAsync(outbox, 5, first: tick * 5); // one chunk per tick
                Drain(outbox);
            }

            _file.Clock.Advance(TimeSpan.FromMinutes(10));
            for (var tick = 100; tick < 110; tick++)
            {
                await AppendAsync(outbox, 5, first: tick * 5);
                Drain(outbox);
            }

            await AppendAsync(outbox, 3, first: 550); // pending
            Assert.Equal(550, outbox.State.Retained);

            _file.Clock.Advance(TimeSpan.FromMinutes(6));
            outbox.RunMaintenance();

            Assert.Equal(50, outbox.State.Retained);
            Assert.Equal(3, outbox.State.Backlog);
            var early = outbox.Resend(Stream, 1, 550);
            Assert.Equal([new SeqRange(1, 500)], early.Gone);
            Assert.Equal([new SeqRange(501, 550)], early.Resent);
        }

        using var reopened = _file.Open();
        Assert.Equal(53, reopened.State.Backlog + reopened.State.Retained);
        Assert.Equal(Enumerable.Range(501, 53).Select(i => (long)i), Drain(reopened));
    }

    [Fact]
    public async Task When_the_byte_limit_needs_room_retained_items_go_before_any_pending_one()
    {
        var item = new string('x', 10_000);
        using var outbox = _file.Open(o => o.MaxBytes = 1_000_000);
        await AppendAsync(outbox, 60, json: $"\"{item}\"");
        Drain(outbox);
        Assert.Equal(60, outbox.State.Retained);

        await AppendAsync(outbox, 60, json: $"\"{item}\"");

        Assert.Equal(0, outbox.State.Retained);
        Assert.Equal(60, outbox.State.Backlog);
        Assert.Empty(outbox.State.Shed);
        Assert.Equal([new SeqRange(1, 60)], outbox.Resend(Stream, 1, 60).Gone);
    }

    [Fact]
    public async Task The_resend_command_answers_with_the_ranges_and_refuses_bad_args()
    {
        using var outbox = _file.Open();
        await AppendAsync(outbox, 5);
        Drain(outbox);
        var command = new ResendCommand(outbox);

        var answer = await command.ExecuteAsync(Request("""{"stream":"events","fromSeq":2,"toSeq":9}"""), TestContext.Current.CancellationToken);
        var result = answer!.Value.Deserialize(ProtocolJsonContext.Default.OutboxResendResult)!;

        Assert.Equal([new SeqRange(2, 5)], result.Resent);
        Assert.Equal(new SeqRange(6, 9), result.NotAppended);
        Assert.Contains("\"resent\":[{\"from\":2,\"to\":5}]", answer.Value.GetRawText(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(async () => await command.ExecuteAsync(Request("""{"stream":"a/b","fromSeq":1}"""), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(async () => await command.ExecuteAsync(Request("""{"stream":"events","fromSeq":5,"toSeq":2}"""), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(async () => await command.ExecuteAsync(Request("""{"stream":"events","fromSeq":"one"}"""), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(async () => await command.ExecuteAsync(Request(null), TestContext.Current.CancellationToken));
        Assert.Equal(OutboxResendArgs.CommandName, ((ICommandHandler)command).Name);
    }

    private static CommandRequest Request(string? args) => new()
    {
        RequestId = "r-1",
        Name = OutboxResendArgs.CommandName,
        Args = args is null ? null : JsonDocument.Parse(args).RootElement.Clone(),
    };

    /// <summary>Takes and acknowledges everything pending; returns the sequence numbers in the order sent.</summary>
    private static List<long> Drain(LiteDbOutbox outbox, int maxItems = 100)
    {
        var sent = new List<long>();
        while (outbox.TryTakeNextBatch(maxItems, 10_000_000, out var batch))
        {
            sent.AddRange(batch!.Rows.Select(r => r.Seq));
            outbox.Acknowledge(batch);
        }

        return sent;
    }

    private static async Task AppendAsync(LiteDbOutbox outbox, int count, int first = 0, string? json = null)
    {
        var appends = new List<Task>();
        for (var i = first; i < first + count; i++)
        {
            appends.Add(outbox.AppendAsync(Stream, Encoding.UTF8.GetBytes(json ?? $"{{\"n\":{i % 10}}}"), OutboxPriority.Bulk, TestContext.Current.CancellationToken).AsTask());
        }

        outbox.FlushTick();
        await Task.WhenAll(appends);
    }
}

using EdgeGateway.CloudBridge.Store;

namespace EdgeGateway.CloudBridge.Tests.Store;

public sealed class StreamSequenceTests
{
    [Fact]
    public void Every_item_number_is_accepted_exactly_once_whatever_the_batching_and_arrival_order()
    {
        var random = new Random(42);
        for (var round = 0; round < 200; round++)
        {
            // Each number 1..60 is covered by one or more envelopes cut at random places, then everything arrives shuffled.
            var envelopes = new List<(long First, long Last)>();
            for (var pass = 0; pass < random.Next(1, 4); pass++)
            {
                for (long first = 1; first <= 60;)
                {
                    var last = Math.Min(60, first + random.Next(0, 8));
                    envelopes.Add((first, last));
                    first = last + 1;
                }
            }

            var sequence = new StreamSequence(0, []);
            var accepted = new List<long>();
            foreach (var (first, last) in envelopes.OrderBy(_ => random.Next()))
            {
                foreach (var (from, to) in sequence.Accept(first, last))
                {
                    Assert.True(from >= first && to <= last && from <= to);
                    for (var n = from; n <= to; n++)
                    {
                        accepted.Add(n);
                    }
                }
            }

            Assert.Equal(Enumerable.Range(1, 60).Select(n => (long)n), accepted.Order());
            Assert.Empty(sequence.Gaps);
            Assert.Equal(60, sequence.HighWater);
        }
    }

    [Fact]
    public void A_resend_overlapping_stored_items_yields_only_its_new_tail()
    {
        var sequence = new StreamSequence(0, []);

        var first = sequence.Accept(1, 10);
        var resend = sequence.Accept(6, 15);
        var again = sequence.Accept(1, 15);

        Assert.Equal([(1L, 10L)], first);
        Assert.Equal([(11L, 15L)], resend);
        Assert.Empty(again);
        Assert.Equal(15, sequence.HighWater);
    }

    [Fact]
    public void A_range_spanning_gaps_fills_exactly_the_holes()
    {
        var sequence = new StreamSequence(0, []);
        sequence.Accept(1, 2);
        sequence.Accept(5, 6);
        sequence.Accept(9, 9);

        var fresh = sequence.Accept(2, 12);

        Assert.Equal([(3L, 4L), (7L, 8L), (10L, 12L)], fresh);
        Assert.Empty(sequence.Gaps);
        Assert.Equal(12, sequence.HighWater);
    }

    [Fact]
    public void A_range_inside_a_gap_splits_it_in_two()
    {
        var sequence = new StreamSequence(0, []);
        sequence.Accept(1, 1);
        sequence.Accept(20, 20);

        var fresh = sequence.Accept(8, 10);

        Assert.Equal([(8L, 10L)], fresh);
        Assert.Equal("2-7,11-19", sequence.FormatGaps());
        Assert.Equal(15, sequence.Missing);
    }

    [Fact]
    public void Gaps_round_trip_through_their_text_form()
    {
        var sequence = new StreamSequence(0, []);
        foreach (var n in new long[] { 1, 5, 9, 7 })
        {
            sequence.Accept(n, n);
        }

        var text = sequence.FormatGaps();
        var parsed = StreamSequence.Parse(sequence.HighWater, text);

        Assert.Equal("2-4,6-6,8-8", text);
        Assert.Equal(5, parsed.Missing);
        Assert.Equal([(3L, 3L)], parsed.Accept(3, 3));
        Assert.Equal("2-2,4-4,6-6,8-8", parsed.FormatGaps());
    }
}

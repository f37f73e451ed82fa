using EdgeGateway.CloudBridge.Store;

namespace EdgeGateway.CloudBridge.Tests.Store;

public sealed class StreamSequenceTests
{
    [Fact]
    public void Every_number_is_accepted_exactly_once_in_any_arrival_order()
    {
        var random = new Random(42);
        for (var round = 0; round < 200; round++)
        {
            var arrivals = Enumerable.Range(1, 30).SelectMany(n => Enumerable.Repeat((long)n, random.Next(1, 3))).OrderBy(_ => random.Next()).ToList();
            var sequence = new StreamSequence(0, []);

            var accepted = arrivals.Where(n => sequence.TryAccept(n, out _)).ToList();

            Assert.Equal(Enumerable.Range(1, 30).Select(n => (long)n), accepted.Order());
            Assert.Empty(sequence.Gaps);
            Assert.Equal(30, sequence.HighWater);
        }
    }

    [Fact]
    public void Gaps_round_trip_through_their_text_form()
    {
        var sequence = new StreamSequence(0, []);
        foreach (var n in new long[] { 1, 5, 9, 7 })
        {
            sequence.TryAccept(n, out _);
        }

        var text = sequence.FormatGaps();
        var parsed = StreamSequence.Parse(sequence.HighWater, text);

        Assert.Equal("2-4,6-6,8-8", text);
        Assert.Equal(5, parsed.Missing);
        Assert.True(parsed.TryAccept(3, out var change));
        Assert.Equal(SequenceChange.GapNarrowed, change);
        Assert.Equal("2-2,4-4,6-6,8-8", parsed.FormatGaps());
    }
}

namespace EdgeGateway.Fuzzing.Tests.Smoke;

/// <summary>
/// A small, seeded stand-in for AFL++'s havoc stage, so CI replays the same inputs every run: bit flips, byte
/// overwrites with interesting values, inserts, deletes, splices of two seeds and length-field nudges.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x02, 0x03, 0x04, 0x0D, 0x10, 0x1F, 0x20, 0x3E, 0x7F, 0x80, 0xFE, 0xFF, (byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)',', (byte)'\\'];

    private readonly Random _random = new(seed);

    public byte[] Mutate(IReadOnlyList<byte[]> seeds)
    {
        var data = new List<byte>(seeds[_random.Next(seeds.Count)]);
        var rounds = 1 + _random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            switch (_random.Next(7))
            {
                case 0 when data.Count > 0:
                    var bit = _random.Next(data.Count * 8);
                    data[bit / 8] ^= (byte)(1 << (bit % 8));
                    break;
                case 1 when data.Count > 0:
                    data[_random.Next(data.Count)] = Interesting[_random.Next(Interesting.Length)];
                    break;
                case 2:
                    data.InsertRange(_random.Next(data.Count + 1), Enumerable.Range(0, 1 + _random.Next(8)).Select(_ => (byte)_random.Next(256)));
                    break;
                case 3 when data.Count > 0:
                    var at = _random.Next(data.Count);
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(8)));
                    break;
                case 4:
                    var other = seeds[_random.Next(seeds.Count)];
                    var cut = _random.Next(data.Count + 1);
                    data.RemoveRange(cut, data.Count - cut);
                    data.AddRange(other.Skip(_random.Next(other.Length + 1)));
                    break;
                case 5 when data.Count > 0:
                    var i = _random.Next(data.Count);
                    data[i] = (byte)(data[i] + _random.Next(-3, 4));
                    break;
                case 6 when data.Count > 0:
                    var keep = _random.Next(data.Count);
                    data.RemoveRange(keep, data.Count - keep);
                    break;
            }
        }

        return [.. data];
    }
}

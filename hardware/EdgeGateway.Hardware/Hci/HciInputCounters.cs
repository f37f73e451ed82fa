namespace EdgeGateway.Hardware.Hci;

/// <summary>Thread-safe counts of bad input per <see cref="HciInputError"/>.</summary>
public sealed class HciInputCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<HciInputError>().Length];

    public long this[HciInputError kind] => Interlocked.Read(ref _counts[(int)kind]);

    public long Total
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                sum += Interlocked.Read(ref _counts[i]);
            }

            return sum;
        }
    }

    /// <summary>Counts one occurrence and returns true when it is the first of its kind (the one worth logging).</summary>
    public bool Increment(HciInputError kind) => Interlocked.Increment(ref _counts[(int)kind]) == 1;

    public IReadOnlyDictionary<HciInputError, long> Snapshot() =>
        Enum.GetValues<HciInputError>().ToDictionary(k => k, k => this[k]);
}

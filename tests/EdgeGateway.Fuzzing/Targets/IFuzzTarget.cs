namespace EdgeGateway.Fuzzing.Targets;

/// <summary>
/// One parser entry point under fuzz. <see cref="Run"/> feeds it arbitrary bytes and lets escape only what
/// the parser's contract forbids: an exception out of Run is a bug (AFL++ records it as a crash).
/// </summary>
public interface IFuzzTarget
{
    /// <summary>Short name used on the command line and as the corpus folder name.</summary>
    string Name { get; }

    /// <summary>Valid and near-valid inputs quoted from the unit tests' vectors, to start the fuzzer from.</summary>
    IReadOnlyList<byte[]> Seeds { get; }

    void Run(ReadOnlySpan<byte> input);
}

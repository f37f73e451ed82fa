using EdgeGateway.Fuzzing.Targets;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.Fuzzing.Tests.Smoke;

/// <summary>
/// CI's fuzz smoke run: every target's seeds, every saved crash input (tests/fuzz/regressions/TARGET/), and a fixed
/// number of seeded mutations go through the same entry points AFL++ drives in tests/fuzz/run.sh. Not coverage
/// guided (that is run.sh's job); it keeps every crash the fuzzer ever found fixed, and catches new shallow ones.
/// </summary>
public sealed class FuzzSmokeTests
{
    // The host-building config target costs milliseconds per input; the parsers cost microseconds.
    private static readonly Dictionary<string, int> Mutations = new(StringComparer.Ordinal)
    {
        ["gateway-config"] = 150,
        ["bridge-config"] = 1_500,
    };

    public static TheoryData<string> Targets() => [.. FuzzTargets.Create().Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeds_and_saved_crashes_run_clean(string name)
    {
        var target = FuzzTargets.Find(name)!;
        foreach (var (label, input) in target.Seeds.Select((s, i) => ($"seed {i}", s)).Concat(Regressions(name)))
        {
            Run(target, label, input);
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeded_mutations_run_clean(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var count = Mutations.GetValueOrDefault(name, 20_000);
        var mutator = new Mutator(seed: name.Length * 7919);
        var seeds = target.Seeds.Concat(Regressions(name).Select(r => r.Input)).ToList();
        for (var i = 0; i < count; i++)
        {
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            Run(target, $"mutation {i}", mutator.Mutate(seeds));
        }
    }

    private static void Run(IFuzzTarget target, string label, byte[] input)
    {
        try
        {
            target.Run(input);
        }
        catch (Exception ex)
        {
            Assert.Fail($"{target.Name} {label} ({Convert.ToHexString(input)}): {ex}");
        }
    }

    private static IEnumerable<(string Label, byte[] Input)> Regressions(string name)
    {
        var dir = Path.Combine(TestArtifacts.RepositoryRoot(), "tests", "fuzz", "regressions", name);
        return Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            : [];
    }
}

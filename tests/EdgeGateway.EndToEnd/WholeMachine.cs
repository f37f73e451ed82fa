namespace EdgeGateway.EndToEnd;

/// <summary>
/// Tests that need the machine to themselves: the fault soak judges hangs and losses by the clock, and the Native
/// AOT builds (installer chain, arm64 bundle) each keep both cores busy for minutes. They run one at a time, after
/// the parallel tests of this module, so a compile never starves the soak's daemon into a false "hang".
/// </summary>
[CollectionDefinition(nameof(WholeMachine), DisableParallelization = true)]
public sealed class WholeMachine;

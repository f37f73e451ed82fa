namespace EdgeGateway.Edge.SelfTest;

/// <summary>One thing the self-test verifies. Checks observe; they never change state a running service owns.</summary>
public interface ISelfTestCheck
{
    string Name { get; }

    Task<SelfTestResult> RunAsync(CancellationToken cancellationToken);
}

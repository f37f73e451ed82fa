namespace EdgeGateway.Edge.SelfTest;

/// <summary>
/// Runs every registered check with its own deadline, so one hung part (a PN532 that never answers)
/// shows as a failed check instead of a self-test that never finishes.
/// </summary>
public sealed class SelfTestRunner(IEnumerable<ISelfTestCheck> checks)
{
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<SelfTestResult>> RunAsync(CancellationToken cancellationToken)
    {
        var tasks = checks.Select(check => RunOneAsync(check, cancellationToken)).ToArray();
        return await Task.WhenAll(tasks);
    }

    private static async Task<SelfTestResult> RunOneAsync(ISelfTestCheck check, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CheckTimeout);
        try
        {
            return await check.RunAsync(deadline.Token).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SelfTestResult(check.Name, SelfTestVerdict.Fail,
                $"no answer within {CheckTimeout.TotalSeconds:0} s", "see the Logs page for what the part was doing");
        }
#pragma warning disable CA1031 // a check that throws is a failed check, reported to the installer, not a crashed self-test
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new SelfTestResult(check.Name, SelfTestVerdict.Fail, $"check crashed: {ex.Message}",
                "report this with the Logs page download");
        }
    }
}

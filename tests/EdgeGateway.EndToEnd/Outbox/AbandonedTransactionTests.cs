using EdgeGateway.Testing.Tools;

namespace EdgeGateway.EndToEnd.Outbox;

/// <summary>
/// Regression for the crash the 30-minute fault soak found: a LiteDB instance dropped with a transaction still open
/// (left by a write that failed on a full disk) aborted the daemon from the finalizer thread. Each case runs in its own
/// process (tests/EdgeGateway.OutboxDriver), since that abort cannot be caught inside one.
/// </summary>
public sealed class AbandonedTransactionTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("egw-abandoned-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task LiteDB_still_aborts_the_process_when_an_open_transaction_is_finalized()
    {
        // The hazard itself, so a LiteDB upgrade that removes it shows here (and LiteDbOpenTransactions can go).
        var (exit, output) = await RunDriverAsync("unguarded");

        Assert.NotEqual(0, exit);
        Assert.Contains("TransactionService.Finalize", output);
        Assert.DoesNotContain("finalizers done", output);
    }

    [Fact]
    public async Task A_database_dropped_with_an_open_transaction_is_finalized_quietly_once_disarmed()
    {
        var (exit, output) = await RunDriverAsync("guarded");

        Assert.True(exit == 0, output);
        Assert.Contains("disarmed 1", output);
        Assert.Contains("finalizers done", output);
    }

    private Task<(int Exit, string Output)> RunDriverAsync(string mode) =>
        ProgramRun.RunAsync(
            Path.Combine(AppContext.BaseDirectory, "EdgeGateway.OutboxDriver"),
            ["abandon-transaction", _directory.FullName, mode],
            TestContext.Current.CancellationToken);
}

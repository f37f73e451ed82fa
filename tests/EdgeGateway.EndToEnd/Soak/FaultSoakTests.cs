using System.Diagnostics;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.EndToEnd.Soak;

/// <summary>
/// CI's short variant of tests/soak/fault-soak.sh: 90 s of daemon SIGKILLs, broker restarts, a bridge SIGKILL, the
/// gateway's link cut and starved, and a clock step, over the Debug build tests/run.sh has just made. The verdict is
/// the script's: every item the gateway numbered stored once by the bridge, no open gap, flat memory, no crash loop,
/// no hang. Needs root for the network namespace and tmpfs (CI runs as root).
/// </summary>
[Collection(nameof(WholeMachine))]
public sealed class FaultSoakTests
{
    [Fact]
    public async Task A_short_fault_soak_loses_and_duplicates_nothing()
    {
        ExternalProgram.Mosquitto.Require();
        ExternalProgram.PostgresInitDb.Require();
        if (Environment.UserName != "root")
        {
            const string why = "the fault soak needs root (network namespace, veth, tmpfs)";
            if (ExternalProgram.IsCi)
            {
                Assert.Fail(why);
            }

            Assert.Skip(why);
        }

        var root = TestArtifacts.RepositoryRoot();
        var output = TestArtifacts.Directory("soak");
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "tests", "soak", "fault-soak.sh"), "90", "2000"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["EDGEGW_SOAK_CONFIGURATION"] = "Debug",
                ["EDGEGW_SOAK_NO_BUILD"] = "1",
                ["EDGEGW_SOAK_OUT"] = output,
            },
        };
        using var soak = Process.Start(start)!;
        var stdout = soak.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = soak.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(8));
        try
        {
            await soak.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            soak.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(soak.ExitCode == 0, $"fault soak exited {soak.ExitCode} (logs in {output}):\n{await stdout}\n{await stderr}");
        Assert.Contains("soak verdict: PASS", await stdout, StringComparison.Ordinal);
    }
}

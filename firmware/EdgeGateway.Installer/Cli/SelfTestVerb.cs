using System.CommandLine;
using EdgeGateway.Installer.RemoteSelfTest;

namespace EdgeGateway.Installer.Cli;

/// <summary>`gatewayctl selftest --host`: the gateway's own self-test, run and printed from the installer's laptop.</summary>
internal static class SelfTestVerb
{
    public const int SomeCheckFailed = 3;

    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "gateway host name or address (the diagnostics page)", Required = true };
        var port = new Option<int>("--port") { Description = "diagnostics page port", DefaultValueFactory = _ => 8080 };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "read the technician password from standard input" };
        var timeout = new Option<int>("--timeout") { Description = "seconds to wait for the gateway", DefaultValueFactory = _ => 60 };
        var command = new Command("selftest", "Run a gateway's self-test over its API and print each check with a verdict and the fix; exit 0 only when all pass")
        {
            host, port, passwordStdin, timeout,
        };
        command.SetAction((result, ct) => CliErrors.RunAsync(result.InvocationConfiguration.Error, async () =>
        {
            var output = result.InvocationConfiguration.Output;
            var password = result.GetValue(passwordStdin)
                ? (await Console.In.ReadLineAsync(ct))?.Trim()
                : Environment.GetEnvironmentVariable("EDGEGW_TECHNICIAN_PASSWORD");
            if (string.IsNullOrEmpty(password))
            {
                throw new ArgumentException("give the technician password with --password-stdin or EDGEGW_TECHNICIAN_PASSWORD");
            }

            var address = new UriBuilder("http", result.GetValue(host), result.GetValue(port)).Uri;
            using var session = new GatewaySession(address, TimeSpan.FromSeconds(result.GetValue(timeout)));
            try
            {
                await session.LoginAsync(password, ct);
            }
            catch (HttpRequestException ex)
            {
                throw new HttpRequestException($"cannot reach the gateway at {address} ({ex.Message}): is it powered, on this network, and is edgegw running?", ex);
            }

            var checks = await session.RunSelfTestAsync(ct);
            var width = checks.Max(c => c.Check.Length);
            foreach (var check in checks)
            {
                await output.WriteLineAsync($"{check.Verdict.ToUpperInvariant(),-4}  {check.Check.PadRight(width)}  {check.Detail}");
                if (!check.Passed && check.Fix is not null)
                {
                    await output.WriteLineAsync($"      {new string(' ', width)}  fix: {check.Fix}");
                }
            }

            var failed = checks.Count(c => !c.Passed);
            await output.WriteLineAsync(failed == 0 ? $"all {checks.Count} checks passed" : $"{failed} of {checks.Count} checks did not pass");
            return failed == 0 ? 0 : SomeCheckFailed;
        }));
        return command;
    }
}

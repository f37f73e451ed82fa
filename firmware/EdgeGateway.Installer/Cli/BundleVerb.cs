using System.CommandLine;
using EdgeGateway.Installer.Bundling;

namespace EdgeGateway.Installer.Cli;

/// <summary>`gatewayctl bundle`: the files that go onto a gateway image.</summary>
internal static class BundleVerb
{
    public static Command Create()
    {
        var rid = new Option<string>("--rid") { Description = "target runtime: linux-arm64 (Pi 4, Pi Zero 2 W with 64-bit OS), linux-arm, linux-x64", DefaultValueFactory = _ => "linux-arm64" };
        var output = new Option<string>("--out") { Description = "new, empty directory for the bundle", Required = true };
        var source = new Option<string?>("--source") { Description = "EdgeGateway source tree (default: found above the current directory)" };
        var runtime = new Option<string?>("--runtime")
        {
            Description = "aot: Native AOT, smallest memory and fastest start (default for linux-arm64 and linux-x64; needs clang, and a cross toolchain for another CPU); " +
                          "jit: trimmed single file run by the JIT (default for linux-arm)",
        };
        runtime.AcceptOnlyFromAmong("aot", "jit");
        var noR2R = new Option<bool>("--no-ready-to-run") { Description = "with --runtime jit: skip ReadyToRun precompilation (faster build, slower gateway start)" };
        var command = new Command("bundle", "Build edgegw for the gateway's CPU and pack it with systemd units, udev rules, config.txt lines and a SHA-256 manifest")
        {
            rid, output, source, runtime, noR2R,
        };
        command.SetAction((result, ct) => CliErrors.RunAsync(result.InvocationConfiguration.Error, async () =>
        {
            var root = result.GetValue(source) ?? SourceTree.Find(Environment.CurrentDirectory);
            BundleRuntime? chosen = result.GetValue(runtime) switch
            {
                "aot" => BundleRuntime.NativeAot,
                "jit" => BundleRuntime.Jit,
                _ => null,
            };
            await new BundleBuilder(result.InvocationConfiguration.Output).BuildAsync(
                new BundleBuilder.Request(root, result.GetValue(rid)!, result.GetValue(output)!, !result.GetValue(noR2R), chosen), ct);
            return 0;
        }));
        return command;
    }
}

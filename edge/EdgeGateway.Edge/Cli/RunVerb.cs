using System.CommandLine;
using EdgeGateway.Edge.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Edge.Cli;

/// <summary>`edgegw run`: the daemon every gateway runs under systemd, or on a laptop with --simulate.</summary>
internal static class RunVerb
{
    public static Command Create()
    {
        var config = new Option<string?>("--config")
        {
            Description = $"appsettings.json to read (default {RunSettings.DefaultConfigFile}; a missing default file is fine)",
        };
        var simulate = new Option<bool>("--simulate")
        {
            Description = "emulated radio and NFC, generated identity and technician password, page on 127.0.0.1",
        };
        var set = new Option<string[]>("--set")
        {
            Description = "override one setting, e.g. --set Diagnostics:Port=8081 (repeatable; applied after file and EDGEGW_ environment)",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("run", "Run the gateway daemon (radio, NFC, outbox, uplink, diagnostics page)") { config, simulate, set };
        command.SetAction((result, ct) => RunAsync(
            new RunSettings(
                result.GetValue(config) ?? RunSettings.DefaultConfigFile,
                result.GetValue(config) is not null,
                result.GetValue(simulate),
                result.GetValue(set) ?? []),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            ct));
        return command;
    }

    internal static async Task<int> RunAsync(RunSettings settings, TextWriter output, TextWriter error, CancellationToken ct)
    {
        // System.CommandLine only learns of this task when it first yields, and a SIGTERM before then ends the process at
        // once with 143, skipping the graceful stop. Host start-up can finish without yielding, so yield before it.
        await Task.Yield();
        var simulated = settings.Simulate ? SimulatedIdentity.CreateDefault() : null;
        WebApplication app;
        try
        {
            app = GatewayHost.Build(settings, simulated);
            GatewayHost.ValidateEagerly(app);
            await app.StartAsync(ct);
        }
        catch (Exception ex) when (StartupFailure.DescribeConfigurationError(ex) is { } line)
        {
            await error.WriteLineAsync($"edgegw: configuration error: {line}");
            return StartupFailure.ConfigurationExitCode;
        }
        catch (IOException ex) when (ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await error.WriteLineAsync($"edgegw: configuration error: Diagnostics:Port is already in use ({ex.Message})");
            return StartupFailure.ConfigurationExitCode;
        }

        await using (app)
        {
            if (simulated is not null)
            {
                var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
                await output.WriteLineAsync($"Diagnostic page: {string.Join(' ', addresses ?? [])}");
                await output.WriteLineAsync($"Technician password: {simulated.Password}");
                await output.WriteLineAsync("Press Ctrl+C to stop.");
            }

            await app.WaitForShutdownAsync(ct);
        }

        return 0;
    }
}

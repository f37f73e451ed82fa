using System.CommandLine;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Hosting;

namespace EdgeGateway.CloudBridge.Cli;

/// <summary>`edgegw-bridge run`: the service. Bad configuration is one line on stderr and exit code 2.</summary>
internal static class RunCommand
{
    public const int ConfigError = 2;
    public const int StartError = 1;

    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config")
        {
            Description = "JSON configuration file (sections Mqtt, Store, Api, Ingest, Connectors; see docs/operations/bridge.md). " +
                          "Environment variables EDGEGW_BRIDGE_<Section>__<Key> override it.",
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Override one key, e.g. --set Mqtt:Host=broker --set Store:Kind=postgres (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("run", "Consume the fleet's MQTT traffic into the fleet store and serve the fleet API, /health and /metrics.")
        {
            config,
            set,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            // Until this action first yields, System.CommandLine answers SIGTERM by exiting at once with 143, without the
            // graceful stop; with the LiteDB store nothing below is sure to yield before the bridge is up.
            await Task.Yield();
            var overrides = new List<KeyValuePair<string, string?>>();
            foreach (var pair in result.GetValue(set) ?? [])
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    await result.InvocationConfiguration.Error.WriteLineAsync($"--set: '{pair}' is not Key=Value (e.g. Mqtt:Port=1883)");
                    return ConfigError;
                }

                overrides.Add(new(pair[..equals], pair[(equals + 1)..]));
            }

            var (options, error) = BridgeConfiguration.Load(result.GetValue(config)?.FullName, overrides);
            if (options is null)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync(error);
                return ConfigError;
            }

            await using var app = BridgeHost.Build(options, TimeProvider.System);
            try
            {
                await BridgeHost.InitializeStoreAsync(app, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"store: cannot open the {options.Store.Kind} store: {ex.Message.ReplaceLineEndings(" ")}");
                return StartError;
            }

            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"Api:Url: cannot listen on {options.Api.Url}: {ex.Message}");
                return StartError;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM / Ctrl+C: stop cleanly, unacknowledged messages stay with the broker.
            }

            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }
}

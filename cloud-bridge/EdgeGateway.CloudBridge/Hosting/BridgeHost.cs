using EdgeGateway.CloudBridge.Api;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.CloudBridge.Desired;
using EdgeGateway.CloudBridge.Ingest;
using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.CloudBridge.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Hosting;

/// <summary>Wires one bridge instance: store, MQTT ingest (a hosted service), desired-config publisher and the HTTP API.</summary>
internal static class BridgeHost
{
    /// <summary>
    /// Builds the app; the caller opens the store (<see cref="InitializeStoreAsync"/>) and then runs it.
    /// <paramref name="configureLogging"/> lets tests and the CLI choose where logs go.
    /// </summary>
    public static WebApplication Build(BridgeOptions options, TimeProvider time, Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls(options.Api.Url);
        builder.Logging.ClearProviders();
        if (configureLogging is null)
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            });
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }
        else
        {
            configureLogging(builder.Logging);
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton<BridgeMetrics>();
        builder.Services.AddSingleton(_ => FleetStoreFactory.Create(options.Store, time));
        builder.Services.AddSingleton<MqttIngestService>();
        builder.Services.AddSingleton<IMqttPublisher>(sp => sp.GetRequiredService<MqttIngestService>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MqttIngestService>());
        builder.Services.AddSingleton<DesiredConfigPublisher>();
        ConnectorServices.Add(builder.Services, options);

        var app = builder.Build();
        FleetApi.Map(app, options);
        return app;
    }

    /// <summary>Opens the store and applies migrations; must succeed before the ingest starts.</summary>
    public static Task InitializeStoreAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IFleetStore>().InitializeAsync(cancellationToken);
    }
}

using EdgeGateway.Edge.BeaconConfig;
using EdgeGateway.Edge.Diagnostics;
using EdgeGateway.Edge.Hosting;
using EdgeGateway.Edge.Nfc;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Edge.Scanning;
using EdgeGateway.Edge.SelfTest;
using EdgeGateway.Edge.Tracking;
using EdgeGateway.Edge.Uplink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Hosting;

/// <summary>
/// Registers the gateway's parts in data-flow order: outbox, radio (scanning + tracking), NFC, uplink.
/// Each part also registers its diagnostics (page status, watchdog health, metrics, self-test check).
/// </summary>
public static class GatewayServices
{
    public static void AddGatewayParts(this IServiceCollection services, IConfiguration configuration)
    {
        AddOutbox(services, configuration);
        AddRadio(services, configuration);
        AddNfc(services, configuration);
        AddBeaconConfig(services, configuration);
        AddUplink(services, configuration);
        services.AddSingleton<ICommandHandler, SelfTestCommand>();
    }

    /// <summary>True when the uplink is configured; without a broker the gateway only buffers (and says so).</summary>
    public static bool HasUplink(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{UplinkOptions.Section}:{nameof(UplinkOptions.Host)}"]);

    private static void AddOutbox(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOutbox(configuration);
        var explicitPath = configuration[$"{OutboxOptions.Section}:{nameof(OutboxOptions.DatabasePath)}"];
        services.PostConfigure<OutboxOptions>(outbox =>
        {
            // The database lives in the gateway's data directory unless the operator placed it elsewhere.
            if (string.IsNullOrWhiteSpace(explicitPath))
            {
                var data = configuration[$"{GatewayOptions.Section}:{nameof(GatewayOptions.DataDirectory)}"] ?? new GatewayOptions().DataDirectory;
                outbox.DatabasePath = Path.Combine(data, "outbox.db");
            }
        });
        services.AddSingleton<ICommandHandler, ResendCommand>();
        services.AddSingleton<OutboxDiagnostics>();
        AddDiagnostics<OutboxDiagnostics>(services);
    }

    private static void AddRadio(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScanningOptions>().Bind(configuration.GetSection(ScanningOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScanningOptions>, ScanningOptionsValidator>();
        services.AddOptions<TrackingOptions>().Bind(configuration.GetSection(TrackingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrackingOptions>, TrackingOptionsValidator>();
        services.AddSingleton(sp => new BeaconTracker(sp.GetRequiredService<IOptions<TrackingOptions>>().Value));
        services.AddSingleton(sp => new ReportPipeline(sp.GetRequiredService<BeaconTracker>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ReportPipeline>()));
        services.AddSingleton<ScanningService>();
        services.AddHostedService(sp => sp.GetRequiredService<ScanningService>());
        services.AddSingleton<TrackingService>();
        services.AddHostedService(sp => sp.GetRequiredService<TrackingService>());
        services.AddSingleton<RadioDiagnostics>();
        AddDiagnostics<RadioDiagnostics>(services);
    }

    private static void AddNfc(IServiceCollection services, IConfiguration configuration)
    {
        services.AddNfcTagService(configuration);
        services.AddSingleton<ICommandHandler, WriteUrlCommand>();
        services.AddSingleton<ICommandHandler, ShowCodeCommand>();
        services.AddSingleton<NfcDiagnostics>();
        AddDiagnostics<NfcDiagnostics>(services);
    }

    private static void AddBeaconConfig(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BeaconConfigOptions>().Bind(configuration.GetSection(BeaconConfigOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BeaconConfigOptions>, BeaconConfigOptionsValidator>();
        string InData(string? configured, string name) => string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(configuration[$"{GatewayOptions.Section}:{nameof(GatewayOptions.DataDirectory)}"] ?? new GatewayOptions().DataDirectory, name)
            : configured;
        services.AddSingleton(sp => new BeaconLockKeys(InData(sp.GetRequiredService<IOptions<BeaconConfigOptions>>().Value.LockKeysFile, "beacon-keys.json")));
        services.AddSingleton(sp => new BeaconConfigStore(InData(sp.GetRequiredService<IOptions<BeaconConfigOptions>>().Value.StateFile, "beacon-config.json")));
        services.AddSingleton(sp =>
        {
            var scanning = sp.GetRequiredService<ScanningService>();
            return new BeaconConfigurator(sp.GetRequiredService<BeaconTracker>(), () => scanning.Session, sp.GetRequiredService<BeaconLockKeys>(),
                sp.GetRequiredService<IOptions<BeaconConfigOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<BeaconConfigurator>());
        });
        services.AddSingleton(sp =>
        {
            var scanning = sp.GetRequiredService<ScanningService>();
            return new OwnAdvertiserApplier(() => scanning.Session, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<BeaconConfigService>();
        services.AddHostedService(sp => sp.GetRequiredService<BeaconConfigService>());
        services.AddSingleton<IDesiredConfigSink>(sp => sp.GetRequiredService<BeaconConfigService>());
        services.AddSingleton<BeaconConfigDiagnostics>();
        AddDiagnostics<BeaconConfigDiagnostics>(services);
    }

    private static void AddUplink(IServiceCollection services, IConfiguration configuration)
    {
        if (!HasUplink(configuration))
        {
            return;
        }

        services.AddUplink(configuration);
        services.PostConfigure<UplinkOptions>(uplink =>
        {
            // One identity: the uplink uses the gateway's id and site unless the operator set them apart.
            uplink.GatewayId = string.IsNullOrWhiteSpace(uplink.GatewayId)
                ? configuration[$"{GatewayOptions.Section}:{nameof(GatewayOptions.GatewayId)}"] ?? string.Empty
                : uplink.GatewayId;
            uplink.Site ??= configuration[$"{GatewayOptions.Section}:{nameof(GatewayOptions.Site)}"];
        });
        services.AddSingleton<UplinkDiagnostics>();
        AddDiagnostics<UplinkDiagnostics>(services);
    }

    private static void AddDiagnostics<T>(IServiceCollection services)
        where T : class, IStatusContributor, IHealthSource, IMetricsContributor, ISelfTestCheck
    {
        services.AddSingleton<IStatusContributor>(sp => sp.GetRequiredService<T>());
        services.AddSingleton<IHealthSource>(sp => sp.GetRequiredService<T>());
        services.AddSingleton<IMetricsContributor>(sp => sp.GetRequiredService<T>());
        services.AddSingleton<ISelfTestCheck>(sp => sp.GetRequiredService<T>());
    }
}

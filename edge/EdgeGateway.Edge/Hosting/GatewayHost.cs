using EdgeGateway.Edge.Diagnostics;
using EdgeGateway.Edge.Diagnostics.Auth;
using EdgeGateway.Edge.Diagnostics.Logs;
using EdgeGateway.Edge.Diagnostics.Web;
using EdgeGateway.Edge.SelfTest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Hosting;

/// <summary>
/// Composes `edgegw run`: configuration (file, EDGEGW_ environment, --set), validated options, every
/// service, and the diagnostics page, in one Generic Host (a WebApplication, so Kestrel shares its lifetime).
/// </summary>
public static class GatewayHost
{
    public const string EnvironmentPrefix = "EDGEGW_";

    public static WebApplication Build(RunSettings settings, SimulatedIdentity? simulated = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
        });

        builder.Configuration.Sources.Clear();
        if (simulated is not null)
        {
            builder.Configuration.AddInMemoryCollection(simulated.Defaults());
        }

        if (settings.ConfigFileExplicit && !File.Exists(settings.ConfigFile))
        {
            throw new InvalidDataException($"configuration file '{settings.ConfigFile}' does not exist");
        }

        builder.Configuration.AddJsonFile(settings.ConfigFile, optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Configuration.AddInMemoryCollection(ParseOverrides(settings.Overrides));

        ConfigureLogging(builder);
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => SystemdNotifier.FromEnvironment());
        services.AddOptions<GatewayOptions>().Bind(builder.Configuration.GetSection(GatewayOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddOptions<DiagnosticsOptions>().Bind(builder.Configuration.GetSection(DiagnosticsOptions.Section)).ValidateOnStart();
        services.AddHostedService<ReadinessService>();
        services.AddHostedService<WatchdogService>();
        services.AddSingleton<IStatusContributor, GatewayInfoContributor>();
        services.AddSingleton<ISelfTestCheck, DiskSpaceCheck>();
        services.AddSingleton<ISelfTestCheck, ClockSyncCheck>();
        services.AddDiagnosticsWeb();
        services.AddGatewayParts(builder.Configuration);
        if (simulated is not null)
        {
            services.AddSingleton(new TechnicianPasswordStore(simulated.PasswordHash));
        }

        // Session and CSRF cookies are sealed with keys kept in the data directory, so a restart does not log
        // technicians out; the directory is the daemon's own (0700 under systemd's StateDirectory).
        var dataDirectory = builder.Configuration[$"{GatewayOptions.Section}:DataDirectory"] ?? new GatewayOptions().DataDirectory;
        if (Path.IsPathFullyQualified(dataDirectory))
        {
            services.AddDataProtection()
                .SetApplicationName("edgegw")
                .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "web-keys")));
        }

        var diagnostics = builder.Configuration.GetSection(DiagnosticsOptions.Section).Get<DiagnosticsOptions>() ?? new DiagnosticsOptions();
        builder.WebHost.UseUrls($"http://{FormatHost(diagnostics.BindAddress)}:{diagnostics.Port}");

        var app = builder.Build();
        if (diagnostics.Enabled)
        {
            app.MapDiagnosticsWeb();
            NfcEndpoints.Map(app);
            BeaconConfigEndpoints.Map(app);
        }

        return app;
    }

    /// <summary>Resolves what must be right before anything starts, so a bad setting fails fast with its key.</summary>
    public static void ValidateEagerly(WebApplication app)
    {
        _ = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var diagnostics = app.Services.GetRequiredService<IOptions<DiagnosticsOptions>>().Value;
        if (diagnostics.Enabled)
        {
            _ = app.Services.GetRequiredService<TechnicianPasswordStore>();
        }
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("JOURNAL_STREAM") is not null)
        {
            // journald adds its own timestamps and reads <N> priority prefixes.
            builder.Logging.AddSystemdConsole();
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // Linux has no DPAPI: the key ring is protected by the data directory's permissions, which this warning cannot see.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        builder.Services.AddSingleton<LogRing>();
        builder.Services.AddSingleton<ILoggerProvider, LogRingProvider>();
    }

    private static Dictionary<string, string?> ParseOverrides(IReadOnlyList<string> overrides)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in overrides)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidDataException($"--set '{pair}' must look like Section:Key=value");
            }

            values[pair[..equals].Trim()] = pair[(equals + 1)..];
        }

        return values;
    }

    private static string FormatHost(string address) =>
        address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
}

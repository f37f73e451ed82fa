using EdgeGateway.Protocol.Topics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeGateway.Edge.Uplink;

/// <summary>Registers the MQTT uplink and the command registry with the Generic Host (needs the outbox).</summary>
public static class UplinkServiceCollectionExtensions
{
    public static IServiceCollection AddUplink(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UplinkOptions>()
            .Bind(configuration.GetSection(UplinkOptions.Section))
            .Validate(o => GatewayTopics.IsValidLevel(o.GatewayId), "Uplink:GatewayId must be 1-64 characters from A-Z a-z 0-9 - _ .")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Host), "Uplink:Host must be set")
            .Validate(o => o.Port is > 0 and < 65536, "Uplink:Port must be 1-65535")
            .Validate(o => string.IsNullOrEmpty(o.CaFile) || File.Exists(o.CaFile), "Uplink:CaFile does not exist")
            .Validate(o => string.IsNullOrEmpty(o.ClientCertificateFile) == string.IsNullOrEmpty(o.ClientKeyFile), "Uplink:ClientCertificateFile and Uplink:ClientKeyFile go together")
            .Validate(o => string.IsNullOrEmpty(o.ClientCertificateFile) || File.Exists(o.ClientCertificateFile), "Uplink:ClientCertificateFile does not exist")
            .Validate(o => string.IsNullOrEmpty(o.ClientKeyFile) || File.Exists(o.ClientKeyFile), "Uplink:ClientKeyFile does not exist")
            .Validate(o => o.KeepAlive >= TimeSpan.FromSeconds(5), "Uplink:KeepAlive must be at least 5 s")
            .Validate(o => o.ReconnectMinDelay > TimeSpan.Zero && o.ReconnectMaxDelay >= o.ReconnectMinDelay, "Uplink:ReconnectMinDelay must be positive and not above ReconnectMaxDelay")
            .Validate(o => o.BatchMaxItems is >= 1 and <= 10_000, "Uplink:BatchMaxItems must be 1-10000")
            .Validate(o => o.BatchMaxBytes is >= 1_024 and <= 16 * 1024 * 1024, "Uplink:BatchMaxBytes must be 1 KiB-16 MiB")
            .Validate(o => o.MaxInFlight is >= 1 and <= 1_000, "Uplink:MaxInFlight must be 1-1000")
            .Validate(o => o.PublishesPerSecond > 0 && o.PublishBurst >= 1, "Uplink:PublishesPerSecond and PublishBurst must be positive")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CommandDispatcher>();
        services.AddSingleton<MqttUplink>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttUplink>());
        return services;
    }
}

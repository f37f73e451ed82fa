using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeGateway.Edge.Outbox;

/// <summary>Registers the outbox (one LiteDB instance per process) and its writer with the Generic Host.</summary>
public static class OutboxServiceCollectionExtensions
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DatabasePath), "Outbox:DatabasePath must be set")
            .Validate(o => o.MaxItems >= 1_000, "Outbox:MaxItems must be at least 1000")
            .Validate(o => o.MaxBytes >= 1_000_000, "Outbox:MaxBytes must be at least 1000000")
            .Validate(o => o.MaxAge > TimeSpan.Zero, "Outbox:MaxAge must be positive")
            .Validate(o => o.AppendLinger >= TimeSpan.Zero && o.AppendLinger < TimeSpan.FromSeconds(1), "Outbox:AppendLinger must be 0-1 s")
            .Validate(o => o.CheckpointInterval > TimeSpan.Zero, "Outbox:CheckpointInterval must be positive")
            .Validate(o => o.MaintenanceInterval > TimeSpan.Zero, "Outbox:MaintenanceInterval must be positive")
            .Validate(o => o.RetainAcknowledged >= TimeSpan.Zero && o.RetainAcknowledged <= TimeSpan.FromDays(1), "Outbox:RetainAcknowledged must be 0 s to 1 day")
            .Validate(o => o.RetainAcknowledgedMaxItems is >= 0 and <= 10_000_000, "Outbox:RetainAcknowledgedMaxItems must be 0-10000000")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LiteDbOutbox>();
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<LiteDbOutbox>());
        services.AddHostedService<OutboxService>();
        return services;
    }
}

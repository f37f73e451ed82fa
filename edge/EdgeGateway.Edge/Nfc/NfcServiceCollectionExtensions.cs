using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Nfc;

/// <summary>
/// Registers the tag service for a Generic Host: options bound from the `Nfc` section and validated at
/// start, the connector, the write-job API and the reader health (for diagnostics). The host must also
/// register an <see cref="Outbox.IOutbox"/>.
/// </summary>
public static class NfcServiceCollectionExtensions
{
    public static IServiceCollection AddNfcTagService(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NfcOptions>().Bind(configuration.GetSection(NfcOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NfcOptions>, NfcOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NfcReaderConnector>();
        services.TryAddSingleton<NfcWriteJobs>();
        services.TryAddSingleton<NfcReaderHealth>();
        services.TryAddSingleton<NfcRecentTaps>();
        services.TryAddSingleton<NfcShownCodes>();
        services.AddHostedService<NfcTagService>();
        return services;
    }
}

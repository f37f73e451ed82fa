using EdgeGateway.Edge.Diagnostics.Web;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Diagnostics.Auth;

/// <summary>
/// Holds the technician password hash: read from the provisioned file, or, in simulate mode, made
/// from a password generated at start and printed once on the console.
/// </summary>
public sealed class TechnicianPasswordStore
{
    public TechnicianPasswordStore(TechnicianPasswordHash hash) => Hash = hash;

    public TechnicianPasswordHash Hash { get; }

    /// <summary>Loads the provisioned hash; a missing or malformed file is a configuration error naming the key.</summary>
    public static TechnicianPasswordStore FromFile(IOptions<DiagnosticsOptions> options)
    {
        var path = options.Value.PasswordHashFile;
        if (!File.Exists(path))
        {
            throw new InvalidDataException(
                $"{DiagnosticsOptions.Section}:PasswordHashFile '{path}' does not exist: provision the gateway (gatewayctl provision) or set the key");
        }

        try
        {
            return new TechnicianPasswordStore(TechnicianPasswordHash.Parse(File.ReadAllText(path)));
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{DiagnosticsOptions.Section}:PasswordHashFile '{path}': {ex.Message}", ex);
        }
    }
}

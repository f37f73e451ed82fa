using System.Net;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>Checks the "Diagnostics" section at start; each failure names its key.</summary>
public sealed class DiagnosticsOptionsValidator : IValidateOptions<DiagnosticsOptions>
{
    public ValidateOptionsResult Validate(string? name, DiagnosticsOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"{DiagnosticsOptions.Section}:Port {options.Port} must be 0-65535");
        }

        if (!IPAddress.TryParse(options.BindAddress, out _) && options.BindAddress != "localhost")
        {
            failures.Add($"{DiagnosticsOptions.Section}:BindAddress '{options.BindAddress}' must be an IP address");
        }

        if (options.SessionMinutes is < 1 or > 24 * 60)
        {
            failures.Add($"{DiagnosticsOptions.Section}:SessionMinutes {options.SessionMinutes} must be 1-1440");
        }

        if (options.MetricsToken is { Length: > 0 and < 16 })
        {
            failures.Add($"{DiagnosticsOptions.Section}:MetricsToken must be at least 16 characters");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

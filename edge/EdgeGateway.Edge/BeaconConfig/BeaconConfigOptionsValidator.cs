using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.BeaconConfig;

/// <summary>Validates <see cref="BeaconConfigOptions"/> at start.</summary>
public sealed class BeaconConfigOptionsValidator : IValidateOptions<BeaconConfigOptions>
{
    public ValidateOptionsResult Validate(string? name, BeaconConfigOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

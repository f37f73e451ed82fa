using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Scanning;

/// <summary>Validates <see cref="ScanningOptions"/> at start.</summary>
public sealed class ScanningOptionsValidator : IValidateOptions<ScanningOptions>
{
    public ValidateOptionsResult Validate(string? name, ScanningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

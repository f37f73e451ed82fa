using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Tracking;

/// <summary>Validates <see cref="TrackingOptions"/> at start, so a bad config is one line naming the key.</summary>
public sealed class TrackingOptionsValidator : IValidateOptions<TrackingOptions>
{
    public ValidateOptionsResult Validate(string? name, TrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

using EdgeGateway.Protocol.Topics;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Hosting;

/// <summary>Checks the "Gateway" section at start; each failure names the configuration key.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.GatewayId))
        {
            failures.Add($"{GatewayOptions.Section}:GatewayId is required (set it in appsettings.json or EDGEGW_Gateway__GatewayId)");
        }
        else if (!GatewayTopics.IsValidLevel(options.GatewayId))
        {
            failures.Add($"{GatewayOptions.Section}:GatewayId '{options.GatewayId}' must be 1-{GatewayTopics.MaxGatewayIdLength} characters from A-Z a-z 0-9 - _ .");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory) || !Path.IsPathFullyQualified(options.DataDirectory))
        {
            failures.Add($"{GatewayOptions.Section}:DataDirectory '{options.DataDirectory}' must be an absolute path");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

namespace EdgeGateway.Protocol.Topics;

/// <summary>
/// Builds the topic names of the MQTT contract (`gw/v1/{gatewayId}/…`). Every producer and consumer
/// goes through here so the gateway, the bridge and the broker ACL agree on one spelling.
/// </summary>
public static class GatewayTopics
{
    public const string Root = "gw/v1";
    public const int MaxGatewayIdLength = 64;

    public static string Status(string gatewayId) => $"{Root}/{Checked(gatewayId, nameof(gatewayId))}/status";

    public static string Up(string gatewayId, string stream) =>
        $"{Root}/{Checked(gatewayId, nameof(gatewayId))}/up/{Checked(stream, nameof(stream))}";

    public static string ConfigDesired(string gatewayId) => $"{Root}/{Checked(gatewayId, nameof(gatewayId))}/config/desired";

    public static string ConfigReported(string gatewayId) => $"{Root}/{Checked(gatewayId, nameof(gatewayId))}/config/reported";

    public static string Command(string gatewayId, string requestId) =>
        $"{Root}/{Checked(gatewayId, nameof(gatewayId))}/cmd/{Checked(requestId, nameof(requestId))}";

    public static string CommandResult(string gatewayId, string requestId) =>
        $"{Root}/{Checked(gatewayId, nameof(gatewayId))}/cmd-result/{Checked(requestId, nameof(requestId))}";

    /// <summary>
    /// A topic level must be usable both as a concrete topic and inside an ACL pattern, so wildcards,
    /// separators and control characters are refused rather than escaped.
    /// </summary>
    public static bool IsValidLevel(string? level)
    {
        if (string.IsNullOrEmpty(level) || level.Length > MaxGatewayIdLength)
        {
            return false;
        }

        foreach (var c in level)
        {
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }

    private static string Checked(string level, string what) =>
        IsValidLevel(level)
            ? level
            : throw new ArgumentException(
                $"'{level}' is not a valid {what}: use 1-{MaxGatewayIdLength} characters from A-Z a-z 0-9 - _ .",
                what);
}

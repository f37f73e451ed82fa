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

    /// <summary>Filter a gateway subscribes to for the cloud's commands (`cmd/+`).</summary>
    public static string CommandFilter(string gatewayId) => $"{Root}/{Checked(gatewayId, nameof(gatewayId))}/cmd/+";

    /// <summary>Filter the bridge subscribes to for everything every gateway writes (`gw/v1/+/…`).</summary>
    public const string AllGatewaysFilter = Root + "/+/#";

    /// <summary>
    /// Takes a topic of the contract apart. Returns false, with a one-line reason, for anything that
    /// is not exactly one of the six shapes (other roots, other versions, extra levels, bad levels),
    /// so a consumer can count and log it instead of guessing.
    /// </summary>
    public static bool TryParse(string? topic, out ParsedTopic parsed, out string? error)
    {
        parsed = default;
        if (string.IsNullOrEmpty(topic))
        {
            error = "empty topic";
            return false;
        }

        var levels = topic.Split('/');
        if (levels.Length < 4 || levels[0] != "gw")
        {
            error = $"'{topic}' is not under {Root}/";
            return false;
        }

        if (levels[1] != "v1")
        {
            error = $"'{topic}' uses contract version '{levels[1]}', this build speaks v{ProtocolVersion.Current}";
            return false;
        }

        var gatewayId = levels[2];
        if (!IsValidLevel(gatewayId))
        {
            error = $"'{topic}' has an invalid gateway id";
            return false;
        }

        (TopicKind Kind, bool HasArgument)? shape = levels[3] switch
        {
            "status" => (TopicKind.Status, false),
            "up" => (TopicKind.Up, true),
            "config" when levels.Length == 5 && levels[4] == "desired" => (TopicKind.ConfigDesired, false),
            "config" when levels.Length == 5 && levels[4] == "reported" => (TopicKind.ConfigReported, false),
            "cmd" => (TopicKind.Command, true),
            "cmd-result" => (TopicKind.CommandResult, true),
            _ => null,
        };
        if (shape is not { } s)
        {
            error = $"'{topic}' is not a topic of the contract";
            return false;
        }

        var isConfig = s.Kind is TopicKind.ConfigDesired or TopicKind.ConfigReported;
        var expectedLevels = s.HasArgument || isConfig ? 5 : 4;
        if (levels.Length != expectedLevels)
        {
            error = $"'{topic}' has {levels.Length} levels, a {s.Kind} topic has {expectedLevels}";
            return false;
        }

        string? argument = null;
        if (s.HasArgument)
        {
            argument = levels[4];
            if (!IsValidLevel(argument))
            {
                error = $"'{topic}' has an invalid last level";
                return false;
            }
        }

        parsed = new ParsedTopic(s.Kind, gatewayId, argument);
        error = null;
        return true;
    }

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

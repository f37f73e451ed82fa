namespace EdgeGateway.Edge.Uplink;

/// <summary>
/// Outbox streams the uplink does not wrap in an envelope: each item is its own message on its own topic,
/// so command results and reported config get the outbox's durability and priority too.
/// </summary>
public static class UplinkStreams
{
    /// <summary>Items are <see cref="Protocol.Commands.CommandResult"/> JSON, published to `cmd-result/{requestId}`.</summary>
    public const string CommandResults = "cmd-result";

    /// <summary>Items are <see cref="Protocol.Config.ReportedConfig"/> JSON, published retained to `config/reported`.</summary>
    public const string ConfigReported = "config-reported";
}

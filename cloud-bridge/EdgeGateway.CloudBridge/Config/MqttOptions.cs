namespace EdgeGateway.CloudBridge.Config;

/// <summary>How the bridge reaches the broker (section `Mqtt`).</summary>
public sealed class MqttOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    /// <summary>
    /// Must be stable per instance and unique across instances: the broker keeps this client's session
    /// (unacknowledged messages) while it is away and hands them back when it reconnects.
    /// </summary>
    public string ClientId { get; set; } = $"edgegw-bridge-{Environment.MachineName}";

    /// <summary>
    /// Shared-subscription group: every instance with the same group splits the fleet's traffic. Empty means plain
    /// subscriptions, for a broker without `$share/…` (the simulated store's built-in one); then only ONE instance
    /// may run, or every instance would receive every message.
    /// </summary>
    public string SharedGroup { get; set; } = "edgegw-bridge";

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>How long the broker keeps this instance's session after it disconnects.</summary>
    public int SessionExpirySeconds { get; set; } = 3600;

    /// <summary>MQTT 5 Receive Maximum: unacknowledged messages the broker may have in flight to us (the batch ceiling).</summary>
    public int ReceiveMaximum { get; set; } = 2000;

    public int KeepAliveSeconds { get; set; } = 30;

    public int ReconnectDelayMs { get; set; } = 1000;
}

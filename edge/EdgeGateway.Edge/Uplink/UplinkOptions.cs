namespace EdgeGateway.Edge.Uplink;

/// <summary>Section `Uplink` of the daemon's configuration: the broker, identity, TLS and publishing limits.</summary>
public sealed class UplinkOptions
{
    public const string Section = "Uplink";

    /// <summary>The gateway id: MQTT client id and second level of every topic (the broker ACL relies on both being equal).</summary>
    public string GatewayId { get; set; } = string.Empty;

    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 8883;

    public bool UseTls { get; set; } = true;

    /// <summary>PEM file of the CA that signed the broker's certificate; empty trusts the system store.</summary>
    public string? CaFile { get; set; }

    /// <summary>PEM client certificate and key (fleet PKI); both or neither.</summary>
    public string? ClientCertificateFile { get; set; }

    public string? ClientKeyFile { get; set; }

    /// <summary>Name the broker's certificate must carry; defaults to <see cref="Host"/>.</summary>
    public string? TlsServerName { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? Site { get; set; }

    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>CONNECT/SUBSCRIBE/PUBACK wait; a broker slower than this is treated as gone.</summary>
    public TimeSpan CommunicationTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchMaxItems { get; set; } = 500;

    /// <summary>
    /// Item bytes per envelope. Kept under 64 KiB on purpose: MQTTnet 5 publishes above its 64 KiB writer
    /// buffer stalled about 40 ms each on Linux loopback (0.3 ms below it), which made a day's backlog drain
    /// in minutes instead of seconds.
    /// </summary>
    public int BatchMaxBytes { get; set; } = 56 * 1024;

    /// <summary>Publishes waiting for PUBACK at once (also bounds what one lost connection resends).</summary>
    public int MaxInFlight { get; set; } = 8;

    /// <summary>Token bucket: publishes per second on average, and the burst allowed above it.</summary>
    public double PublishesPerSecond { get; set; } = 200;

    public int PublishBurst { get; set; } = 50;
}

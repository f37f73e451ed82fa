namespace EdgeGateway.Testing.Mqtt;

/// <summary>How a test wants its private mosquitto configured.</summary>
public sealed class MosquittoOptions
{
    /// <summary>Loopback port of the plain listener; 0 picks a free one.</summary>
    public int Port { get; init; }

    public bool AllowAnonymous { get; init; } = true;

    /// <summary>
    /// Configuration appended verbatim after the defaults (extra listeners, TLS, acl_file, ...).
    /// `{dir}` is replaced with the broker's private directory so tests can reference files they put there.
    /// </summary>
    public string ExtraConfiguration { get; init; } = string.Empty;

    /// <summary>
    /// Configuration placed before the first listener (options mosquitto only accepts there, such as
    /// `per_listener_settings true`). `{dir}` is replaced as in <see cref="ExtraConfiguration"/>.
    /// </summary>
    public string GlobalConfiguration { get; init; } = string.Empty;

    /// <summary>Files written into the broker's directory before it starts (name → content).</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();
}

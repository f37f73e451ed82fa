namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// Section `Connectors`: where the connectors' durable work queue lives, plus one sub-section per platform.
/// Partial: each connector adds its own sub-section property in its own folder
/// (`Connectors/&lt;Platform&gt;/ConnectorsOptions.&lt;Platform&gt;.cs`), so connectors are added without touching this file.
/// </summary>
public sealed partial class ConnectorsOptions
{
    /// <summary>LiteDB file of the per-connector queues (relative to the working directory).</summary>
    public string QueuePath { get; set; } = "connectors.db";

    /// <summary>First wait after a connector's batch failed; doubles per consecutive failure.</summary>
    public int BackoffMinMs { get; set; } = 1000;

    public int BackoffMaxMs { get; set; } = 60_000;

    /// <summary>Every configured connector section with its name, for validation and start-up.</summary>
    public IEnumerable<(string Name, IConnectorOptions Options)> Sections() =>
        GetType().GetProperties()
            .Where(p => typeof(IConnectorOptions).IsAssignableFrom(p.PropertyType))
            .Select(p => (p.Name, (IConnectorOptions)p.GetValue(this)!));

    /// <summary>The first problem as one line naming the key, or null.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(QueuePath))
        {
            return "Connectors:QueuePath: must not be empty";
        }

        if (BackoffMinMs is < 1 or > 3_600_000)
        {
            return $"Connectors:BackoffMinMs: must be between 1 and 3600000 (got {BackoffMinMs})";
        }

        if (BackoffMaxMs < BackoffMinMs || BackoffMaxMs > 3_600_000)
        {
            return $"Connectors:BackoffMaxMs: must be between Connectors:BackoffMinMs ({BackoffMinMs}) and 3600000 (got {BackoffMaxMs})";
        }

        foreach (var (name, section) in Sections())
        {
            if (section.IsConfigured && section.Validate($"Connectors:{name}") is { } error)
            {
                return error;
            }
        }

        return null;
    }
}

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// The options section of one connector (`Connectors:&lt;Name&gt;`). A connector whose section is not
/// configured (no base URL or no credentials) is disabled, not an error; a half-configured one is.
/// </summary>
public interface IConnectorOptions
{
    /// <summary>True when enough is set for the connector to run.</summary>
    bool IsConfigured { get; }

    /// <summary>The first problem as one line starting with <paramref name="section"/> (e.g. `Connectors:Footprints:Key: ...`), or null.</summary>
    string? Validate(string section);
}

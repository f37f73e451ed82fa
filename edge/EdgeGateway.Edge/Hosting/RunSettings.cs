namespace EdgeGateway.Edge.Hosting;

/// <summary>What `edgegw run` was asked on its command line.</summary>
/// <param name="ConfigFile">appsettings.json to read (default /etc/edgegw/appsettings.json).</param>
/// <param name="ConfigFileExplicit">True when the operator named the file, so a missing one is an error.</param>
/// <param name="Simulate">Emulated radio and NFC, generated identity and password, loopback only.</param>
/// <param name="Overrides">`--set Key=Value` pairs, applied last.</param>
public sealed record RunSettings(string ConfigFile, bool ConfigFileExplicit, bool Simulate, IReadOnlyList<string> Overrides)
{
    public const string DefaultConfigFile = "/etc/edgegw/appsettings.json";
}

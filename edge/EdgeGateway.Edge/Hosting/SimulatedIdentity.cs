using EdgeGateway.Edge.Diagnostics.Auth;

namespace EdgeGateway.Edge.Hosting;

/// <summary>
/// The made-up identity `edgegw run --simulate` uses when nothing is provisioned: a gateway id, a
/// throwaway data directory, the page on loopback, and a fresh technician password printed once.
/// Configuration still overrides every value.
/// </summary>
public sealed class SimulatedIdentity
{
    public SimulatedIdentity(string dataDirectory)
    {
        DataDirectory = dataDirectory;
        Password = TechnicianPasswordHash.GeneratePassword();
        PasswordHash = TechnicianPasswordHash.Create(Password, iterations: 50_000);
    }

    public string DataDirectory { get; }

    public string Password { get; }

    public TechnicianPasswordHash PasswordHash { get; }

    public static SimulatedIdentity CreateDefault()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"edgegw-sim-{Environment.UserName}");
        Directory.CreateDirectory(directory);
        return new SimulatedIdentity(directory);
    }

    public Dictionary<string, string?> Defaults() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Gateway:GatewayId"] = "sim-gw-1",
        ["Gateway:Site"] = "demo-shop",
        ["Gateway:DataDirectory"] = DataDirectory,
        ["Diagnostics:BindAddress"] = "127.0.0.1",
        ["Diagnostics:Port"] = "8080",
        ["Scanning:Transport"] = "Simulate",
        ["Nfc:Transport"] = "Simulate",
    };
}

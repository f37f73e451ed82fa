using System.Security.Cryptography.X509Certificates;
using EdgeGateway.Installer.Broker;

namespace EdgeGateway.Installer.Pki;

/// <summary>
/// Creates a fleet directory: CA (new or imported), broker server certificate, bridge client
/// certificates, mosquitto configuration and ACL. Refuses to overwrite an existing CA: that would
/// orphan every gateway already provisioned.
/// </summary>
public sealed class FleetInitializer(TimeProvider time, TextWriter progress)
{
    public sealed record Request(
        string OutputDirectory,
        string FleetName,
        IReadOnlyList<string> BrokerNames,
        IReadOnlyList<string> BridgeIds,
        int BrokerPort,
        string? ExistingCaCertificate,
        string? ExistingCaKey);

    public FleetLayout Initialize(Request request)
    {
        var layout = new FleetLayout(Path.GetFullPath(request.OutputDirectory));
        if (File.Exists(layout.CaCertificate))
        {
            throw new InvalidOperationException($"{layout.Directory} already holds a fleet CA; refusing to replace it (every provisioned gateway trusts it)");
        }

        if (request.BrokerNames.Count == 0)
        {
            throw new ArgumentException("name at least one broker host (--broker-host) that gateways will connect to");
        }

        Directory.CreateDirectory(layout.Directory);
        Directory.CreateDirectory(Path.Combine(layout.Directory, "clients"));
        File.SetUnixFileMode(Path.Combine(layout.Directory, "clients"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        using var authority = request.ExistingCaCertificate is not null
            ? FleetAuthority.Load(request.ExistingCaCertificate, request.ExistingCaKey ?? throw new ArgumentException("--ca-key is required with --ca-cert"), time)
            : FleetAuthority.Create(request.FleetName, time);
        PemFile.WriteCertificate(layout.CaCertificate, authority.Certificate);
        PemFile.WritePrivateKey(layout.CaKey, authority.Certificate.GetECDsaPrivateKey()!);
        progress.WriteLine(request.ExistingCaCertificate is null
            ? $"created fleet CA      {layout.CaCertificate} (valid to {authority.Certificate.NotAfter:yyyy-MM-dd})"
            : $"imported fleet CA     {layout.CaCertificate}");

        using (var broker = authority.IssueServer(request.BrokerNames[0], request.BrokerNames, time))
        {
            PemFile.WriteCertificate(layout.BrokerCertificate, broker);
            PemFile.WritePrivateKey(layout.BrokerKey, broker.GetECDsaPrivateKey()!);
        }

        progress.WriteLine($"issued broker cert    {layout.BrokerCertificate} for {string.Join(", ", request.BrokerNames)}");
        foreach (var bridge in request.BridgeIds)
        {
            IssueClient(authority, layout, bridge, time);
            progress.WriteLine($"issued bridge cert    {layout.ClientCertificate(bridge)}");
        }

        File.WriteAllText(layout.MosquittoConfiguration, MosquittoFleetConfig.Configuration(layout.Directory, request.BrokerPort));
        File.WriteAllText(layout.Acl, MosquittoFleetConfig.Acl(request.BridgeIds));
        progress.WriteLine($"wrote broker config   {layout.MosquittoConfiguration} and {layout.Acl}");
        return layout;
    }

    /// <summary>Issues (or re-issues) a client certificate in the fleet directory.</summary>
    public static X509Certificate2 IssueClient(FleetAuthority authority, FleetLayout layout, string identity, TimeProvider time)
    {
        var certificate = authority.IssueClient(identity, time);
        PemFile.WriteCertificate(layout.ClientCertificate(identity), certificate);
        PemFile.WritePrivateKey(layout.ClientKey(identity), certificate.GetECDsaPrivateKey()!);
        return certificate;
    }
}

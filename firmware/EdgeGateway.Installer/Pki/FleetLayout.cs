namespace EdgeGateway.Installer.Pki;

/// <summary>The files of a fleet directory made by `gatewayctl fleet init`.</summary>
public sealed record FleetLayout(string Directory)
{
    public string CaCertificate => Path.Combine(Directory, "ca.crt");

    public string CaKey => Path.Combine(Directory, "ca.key");

    public string BrokerCertificate => Path.Combine(Directory, "broker.crt");

    public string BrokerKey => Path.Combine(Directory, "broker.key");

    public string MosquittoConfiguration => Path.Combine(Directory, "mosquitto.conf");

    public string Acl => Path.Combine(Directory, "acl");

    public string ClientCertificate(string identity) => Path.Combine(Directory, "clients", $"{identity}.crt");

    public string ClientKey(string identity) => Path.Combine(Directory, "clients", $"{identity}.key");

    /// <summary>Checks that this is a fleet directory before anything is issued from it.</summary>
    public void RequireExisting()
    {
        if (!File.Exists(CaCertificate) || !File.Exists(CaKey))
        {
            throw new InvalidDataException($"{Directory} is not a fleet directory (no ca.crt and ca.key): run gatewayctl fleet init --out {Directory} first");
        }
    }
}

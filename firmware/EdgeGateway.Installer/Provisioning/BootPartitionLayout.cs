namespace EdgeGateway.Installer.Provisioning;

/// <summary>
/// Files `gatewayctl provision` writes under &lt;boot&gt;/edgegw/, and where the first-boot unit installs
/// them on the device (/etc/edgegw). The boot partition is FAT and readable by anyone holding the
/// card, so first boot moves the key off it and deletes the copy.
/// </summary>
public sealed record BootPartitionLayout(string BootDirectory)
{
    public const string DeviceConfigDirectory = "/etc/edgegw";
    public const string DeviceDataDirectory = "/var/lib/edgegw";

    public string Directory => Path.Combine(BootDirectory, "edgegw");

    public string Settings => Path.Combine(Directory, "appsettings.json");

    public string CaCertificate => Path.Combine(Directory, "ca.crt");

    public string Certificate => Path.Combine(Directory, "gateway.crt");

    public string Key => Path.Combine(Directory, "gateway.key");

    public string PasswordHash => Path.Combine(Directory, "technician.hash");

    public string Record => Path.Combine(Directory, "provision.json");

    /// <summary>Written last: the first-boot unit applies the directory only when this marker exists, so a card pulled mid-write is never half-applied.</summary>
    public string CompleteMarker => Path.Combine(Directory, "PROVISIONED");
}

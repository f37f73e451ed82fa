namespace EdgeGateway.Installer.Flashing;

/// <summary>What the kernel says about a whole disk the installer named as the target.</summary>
public sealed record DiskInfo(
    string DevicePath,
    string Name,
    long SizeBytes,
    bool Removable,
    string Bus,
    string? Model,
    IReadOnlyList<string> MountedPartitions,
    bool HoldsSystem)
{
    /// <summary>One line for the confirmation prompt: "/dev/sdb: 29.7 GiB, usb, Generic SD reader".</summary>
    public string Describe() =>
        $"{DevicePath}: {SizeBytes / (1024.0 * 1024 * 1024):0.0} GiB, {Bus}{(Model is null ? "" : ", " + Model)}";
}
